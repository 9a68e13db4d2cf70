//! Replays the fuzz target's seeds and every input that ever crashed it
//! (`fuzz/regressions/`), so a fixed crash stays fixed without running the
//! fuzzer. `pick_stack::fuzzing::run` panics on any bug.

use std::path::Path;

#[test]
fn seeds_and_past_crashes_run_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut replayed = 0;
    for folder in ["seeds", "regressions"] {
        for entry in std::fs::read_dir(root.join(folder)).expect("fuzz folder") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|name| name == ".keep") {
                continue;
            }
            let data = std::fs::read(&path).expect("input");
            pick_stack::fuzzing::run(&data);
            replayed += 1;
        }
    }
    assert!(replayed >= 8, "only {replayed} inputs replayed");
}
