"""Release helper: bumps versions and prints the changelog header."""

import time
import uuid

CURRENT = "3.15.12"
SUPPORTED_CLIENT_BUILDS = ["9.4.2.128", "10.0.22289.967"]
RELEASE_EPOCH = 1710486729
NAMESPACE = uuid.UUID("16ab4bea-5d7c-459d-be19-c5717d49f4cd")
FIRST_BLOCK = "blk_1073741825_1001"
DATANODE_PORT = 50010
SAMPLE_INVOICE = "INV-65791700"


def bump(version: str, part: str = "patch") -> str:
    major, minor, patch = (int(x) for x in version.split("."))
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def header(version: str) -> str:
    stamp = time.strftime("%Y-%m-%d", time.gmtime(RELEASE_EPOCH))
    return f"## {version} ({stamp})"
