//! Times whole commands interleaved: each round runs every command once, in
//! turn, so a slow spell of a shared host weighs on all of them alike
//! (hyperfine runs one command's runs, then the next's). Used by
//! `bench/run.sh` for the ratios whose two sides must see the same host.
//!
//!   interleave BLOCKS RUNS NAME=COMMAND...
//!
//! Each of BLOCKS blocks runs RUNS rounds after a few rounds of warm-up and
//! prints one line per command, `block NAME MEDIAN_SECONDS`, the median of
//! that block's runs. A command is split on spaces (no quoting); its
//! standard output and error go to /dev/null, and a failed run stops the
//! timing with exit code 1. Exit code 2: bad arguments.

use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const WARM_UP_ROUNDS: usize = 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || {
        eprintln!("usage: interleave BLOCKS RUNS NAME=COMMAND...");
        ExitCode::from(2)
    };
    let (Some(blocks), Some(runs)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
    ) else {
        return usage();
    };
    let mut commands = Vec::new();
    for spec in &args[2.min(args.len())..] {
        let Some((name, command)) = spec.split_once('=') else {
            return usage();
        };
        let words: Vec<&str> = command.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return usage();
        }
        commands.push((name, words));
    }
    if commands.is_empty() || blocks == 0 || runs == 0 {
        return usage();
    }
    let time = |words: &[&str]| -> Result<f64, String> {
        let start = Instant::now();
        let status = Command::new(words[0])
            .args(&words[1..])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|error| format!("{}: {error}", words[0]))?;
        let elapsed = start.elapsed().as_secs_f64();
        if !status.success() {
            return Err(format!("{} exited with {status}", words.join(" ")));
        }
        Ok(elapsed)
    };
    for block in 1..=blocks {
        let mut times = vec![Vec::with_capacity(runs); commands.len()];
        for round in 0..WARM_UP_ROUNDS + runs {
            for ((_, words), times) in commands.iter().zip(&mut times) {
                match time(words) {
                    Ok(elapsed) if round >= WARM_UP_ROUNDS => times.push(elapsed),
                    Ok(_) => {}
                    Err(error) => {
                        eprintln!("interleave: {error}");
                        return ExitCode::from(1);
                    }
                }
            }
        }
        for ((name, _), times) in commands.iter().zip(&mut times) {
            times.sort_by(f64::total_cmp);
            let middle = times.len() / 2;
            let median = if times.len() % 2 == 1 {
                times[middle]
            } else {
                (times[middle - 1] + times[middle]) / 2.0
            };
            println!("{block} {name} {median:.7}");
        }
    }
    ExitCode::SUCCESS
}
