use pick_stack::{app, cli::Cli, exit_code::ExitCode};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse_args();
    match app::run(cli) {
        Ok(code) => code.into(),
        Err(error) => {
            let (code, print) = ExitCode::for_error(&error);
            if print {
                eprintln!("pick-stack: {error:#}");
            }
            code.into()
        }
    }
}
