"""A frontend can generate a typed client from /openapi.json: openapi-typescript (from npm, by
`make assets`) turns the document into types, and tsc --strict compiles code that uses them."""

from __future__ import annotations

import json
import subprocess

import pytest

from graphsvc.config import ROOT

pytestmark = pytest.mark.slow  # compiles TypeScript

BIN = ROOT / "frontend" / "node_modules" / ".bin"
USAGE = """
import type { paths, components } from "./api";

type Introductions = paths["/projects/{project_id}/introductions"]["get"];
type Answer = Introductions["responses"][200]["content"]["application/json"];
type Problem = components["schemas"]["Problem"];

export function firstSentence(answer: Answer): string | undefined {
  return answer.introductions?.[0]?.explanation;
}
export function describe(problem: Problem): string {
  return `${problem.status ?? 0} ${problem.title ?? ""}: ${problem.detail ?? ""}`;
}
const query: Introductions["parameters"]["query"] = { limit: 5, lang: "en" };
export const limit: number | undefined = query?.limit;
"""


def test_a_typescript_client_generates_and_compiles(client, tmp_path) -> None:
    assert (BIN / "openapi-typescript").exists(), "make assets installs the frontend tools"
    (tmp_path / "openapi.json").write_text(json.dumps(client.get("/openapi.json").get_json()))
    generated = subprocess.run(
        [str(BIN / "openapi-typescript"), str(tmp_path / "openapi.json"), "-o", str(tmp_path / "api.ts")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert generated.returncode == 0, generated.stderr
    (tmp_path / "usage.ts").write_text(USAGE)
    compiled = subprocess.run(
        [str(BIN / "tsc"), "--noEmit", "--strict", "--target", "es2022", "--module", "es2022",
         "--moduleResolution", "bundler", str(tmp_path / "usage.ts")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
