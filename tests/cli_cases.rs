//! File-driven CLI cases (trycmd): each `tests/cmd/NAME.toml` gives the
//! arguments, `NAME.stdin` what is piped in, and `NAME.stdout` /
//! `NAME.stderr` the exact expected output. They double as readable examples
//! of the piped, CI-style use. `TRYCMD=overwrite cargo test --test cli_cases`
//! refreshes the snapshots after an intended change.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
