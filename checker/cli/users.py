"""``vardval users``: who may use ``vardval serve``: add users, issue and revoke API tokens.

Users and the hashes of their tokens live in the results store. A token is printed once, when
it is made; the store cannot show it again.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from vardval.checker.cli import words
from vardval.checker.cli.exits import EXIT_OK
from vardval.checker.store import ROLES, Store, accounts, add_user, issue_token, revoke_tokens
from vardval.checker.submission import REGIONS
from vardval.checker.vocab import LANGS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Add users of `vardval serve` (roles: clinic, bound to HSA-ids; "
                          "officer, of one region; admin), issue and revoke their API tokens, "
                          "list them.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="URL", required=True,
                        help="SQLite file or postgresql:// URL")
    common.add_argument("--lang", choices=LANGS, default="sv")
    actions = parser.add_subparsers(dest="action", required=True,
                                    parser_class=type(parser))
    add = actions.add_parser("add", parents=[common],
                             help="add a user (and print a first token)")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--region", choices=REGIONS, default=None,
                     help="the region of an officer")
    add.add_argument("--clinic", action="append", default=[], metavar="HSA-ID",
                     help="a clinic the user acts for (repeatable; clinic role)")
    token = actions.add_parser("token", parents=[common],
                               help="issue another token for a user")
    token.add_argument("name")
    token.add_argument("--label", default="", help="what the token is for")
    revoke = actions.add_parser("revoke", parents=[common],
                                help="revoke every token of a user")
    revoke.add_argument("name")
    actions.add_parser("list", parents=[common], help="list users, roles, regions, clinics")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    store = Store(args.store)
    try:
        with store.writing() as connection:
            if args.action == "add":
                add_user(connection, args.name, args.role, region=args.region,
                         clinics=tuple(args.clinic))
                stdout.write(f"{issue_token(connection, args.name, 'first')}\n")
            elif args.action == "token":
                stdout.write(f"{issue_token(connection, args.name, args.label)}\n")
            elif args.action == "revoke":
                revoked = revoke_tokens(connection, args.name)
                stdout.write(f"{words.said('revoked', args.lang, revoked)}\n")
            else:
                for account in accounts(connection):
                    where = account.region or " ".join(sorted(account.clinics)) or "-"
                    stdout.write(f"{account.name}\t{account.role}\t{where}\n")
    finally:
        store.close()
    del stderr
    return EXIT_OK
