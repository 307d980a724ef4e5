"""Dated parameters: values in force on a day, for a region, each with its citation."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.parameters import files
    from vardval.checker.parameters.file_reader import UNITS, type_name, value_in_unit
    from vardval.checker.parameters.loading import load_parameter_file, load_parameters
    from vardval.checker.parameters.parameter import Parameter, ParamValue
    from vardval.checker.parameters.parameter_set import ParameterSet

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "UNITS",
    "ParamValue",
    "Parameter",
    "ParameterSet",
    "files",
    "load_parameter_file",
    "load_parameters",
    "type_name",
    "value_in_unit",
]
