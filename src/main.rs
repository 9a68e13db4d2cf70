use pick_stack::{app, cli::Cli, exit_code::ExitCode, untrusted};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse_args();
    match app::run(cli) {
        Ok(code) => code.into(),
        Err(error) => {
            let (code, print) = ExitCode::for_error(&error);
            if print {
                // The last safeguard for text from the files and arguments
                // in a message: every line escaped, so a line break in it
                // cannot forge a message of its own.
                let message = format!("{error:#}");
                let lines: Vec<_> = message.lines().map(untrusted::escaped).collect();
                eprintln!("pick-stack: {}", lines.join("\n"));
            }
            code.into()
        }
    }
}
