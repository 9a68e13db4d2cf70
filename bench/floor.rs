//! The floor for whole-command timings: a Rust binary that prints one line,
//! built in the same release profile as pick-stack (`bench/run.sh`).

fn main() {
    println!("pick-stack floor");
}
