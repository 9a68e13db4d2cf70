use clap::Parser;

use pick_stack::{app, classify, cli::Cli, exit_code::ExitCode};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match app::run(cli) {
        Ok(()) => ExitCode::Success.into(),
        Err(error) => {
            let (code, print) = classify(&error);
            if print {
                eprintln!("pick-stack: {error:#}");
            }
            code.into()
        }
    }
}
