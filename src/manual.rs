//! The manual page: one page with every subcommand and every flag, and
//! the exit statuses, for `pick-stack man`.
//!
//! clap_mangen renders one command per page and points at
//! `pick-stack-advise(1)` pages for the subcommands, which nobody installs;
//! its sections are reused here (title, synopsis, options), and each
//! subcommand becomes a section of the one page instead.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::Cli;
use crate::exit_code;

/// Writes the whole page as roff.
pub fn write(out: &mut dyn Write) -> io::Result<()> {
    let mut command = Cli::command();
    // Built, each subcommand knows its full name (`pick-stack advise`) and
    // carries the global flags, which its section need not repeat.
    command.build();
    let globals: Vec<clap::Id> = command
        .get_arguments()
        .filter(|arg| arg.is_global_set())
        .map(|arg| arg.get_id().clone())
        .collect();
    let page = Man::new(command.clone());
    let mut roff = Vec::new();
    page.render_title(&mut roff)?;
    page.render_name_section(&mut roff)?;
    page.render_synopsis_section(&mut roff)?;
    page.render_description_section(&mut roff)?;
    page.render_options_section(&mut roff)?;
    roff.extend_from_slice(b".SH COMMANDS\n");
    for subcommand in command.get_subcommands() {
        if subcommand.get_name() == "help" {
            continue;
        }
        let mut subcommand = subcommand.clone();
        for id in &globals {
            subcommand = subcommand.mut_arg(id, |arg| arg.hide(true));
        }
        // `-h` works everywhere, as the page's OPTIONS say once.
        subcommand = subcommand.mut_arg("help", |arg| arg.hide(true));
        let name = subcommand
            .get_bin_name()
            .unwrap_or(subcommand.get_name())
            .to_owned();
        let examples = subcommand.get_after_help().map(ToString::to_string);
        let section = Man::new(subcommand);
        writeln!(roff, ".SS \"{}\"", escape(&name))?;
        for render in [
            Man::render_synopsis_section,
            Man::render_description_section,
            Man::render_options_section,
        ] {
            let mut part = Vec::new();
            render(&section, &mut part)?;
            roff.extend_from_slice(&demoted(&part));
        }
        if let Some(examples) = examples {
            roff.extend_from_slice(b".PP\n.nf\n");
            for line in examples.lines() {
                writeln!(roff, "{}", escape_line(line))?;
            }
            roff.extend_from_slice(b".fi\n");
        }
    }
    roff.extend_from_slice(b".SH \"EXIT STATUS\"\n");
    for (code, meaning) in exit_code::STATUSES {
        writeln!(
            roff,
            ".TP\n\\fB{}\\fR\n{}",
            escape(code),
            escape_line(meaning)
        )?;
    }
    page.render_version_section(&mut roff)?;
    out.write_all(&roff)
}

/// A part rendered as a page of its own, made a part of a subcommand's
/// section: no preamble, and its `.SH` heading dropped (the synopsis and
/// options speak for themselves under the subcommand's heading) or, for
/// the description, made a paragraph break.
fn demoted(part: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(part);
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with(".ie \\n(.g") || line.starts_with(".el .ds Aq") {
            continue;
        }
        if line.starts_with(".SH ") {
            out.push_str(".PP\n");
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

/// Text as roff shows it literally: backslashes and hyphens escaped.
fn escape(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}

/// A line of text as roff shows it literally, even one that starts with
/// a control character.
fn escape_line(line: &str) -> String {
    let escaped = escape(line);
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
