//! Leaving a prompt cleanly when a signal ends the run.
//!
//! While inquire asks, the terminal is in raw mode (no line editing, no
//! echo, no signals from keys, no newline translation) and the cursor is
//! hidden; inquire restores both when a prompt ends, Ctrl-C and Esc
//! included. A signal from outside (`kill`, a closing terminal, a CI
//! runner's timeout) would end the process first and leave the terminal
//! raw for a shell that does not repair it (`sh`, a script). While a
//! [`PromptGuard`] lives, SIGTERM, SIGHUP, SIGQUIT, SIGINT and every other
//! signal that would end the process (SIGUSR1, SIGALRM, SIGXCPU…) instead put
//! the terminal's settings back as they were before the prompt, show the
//! cursor, say why the run stopped, and exit with 128 + the signal's
//! number, as a shell reports a process a signal ended (143, 129, 131,
//! 130). Nothing has been saved at that point: answers and records are
//! written only after the last prompt. SIGTSTP (a stop from outside)
//! gives the terminal back while the process is stopped and takes it again
//! when it continues.
//!
//! The handler may only make async-signal-safe calls: `tcsetattr`,
//! `write` and `_exit`. It reads the settings saved before any prompt
//! changed them, so it needs no lock.

/// The exit status for a run a signal ended at a prompt: 128 + its number.
pub const SIGNAL_EXIT_BASE: i32 = 128;

#[cfg(unix)]
pub use unix::PromptGuard;

#[cfg(not(unix))]
pub use other::PromptGuard;

#[cfg(unix)]
mod unix {
    use std::cell::UnsafeCell;
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::SIGNAL_EXIT_BASE;

    /// The signals handled at a prompt, and what the run says for each:
    /// every signal whose default is to end the process and that can be
    /// caught (SIGKILL cannot; SIGSEGV and its like are the program's own
    /// faults, and `panic = "abort"` has already given up on those).
    const HANDLED: [(libc::c_int, &str); 11] = [
        (
            libc::SIGTERM,
            "\npick-stack: terminated (SIGTERM) at a prompt; no answers were used or saved\n",
        ),
        (
            libc::SIGHUP,
            "\npick-stack: the terminal hung up (SIGHUP) at a prompt; no answers were used or saved\n",
        ),
        (
            libc::SIGQUIT,
            "\npick-stack: quit (SIGQUIT) at a prompt; no answers were used or saved\n",
        ),
        (
            libc::SIGINT,
            "\npick-stack: interrupted (SIGINT) at a prompt; no answers were used or saved\n",
        ),
        (
            libc::SIGUSR1,
            "\npick-stack: stopped by a signal (SIGUSR1) at a prompt; no answers were used or saved\n",
        ),
        (
            libc::SIGUSR2,
            "\npick-stack: stopped by a signal (SIGUSR2) at a prompt; no answers were used or saved\n",
        ),
        (
            libc::SIGALRM,
            "\npick-stack: stopped by a timer (SIGALRM) at a prompt; no answers were used or saved\n",
        ),
        (
            libc::SIGVTALRM,
            "\npick-stack: stopped by a timer (SIGVTALRM) at a prompt; no answers were used or saved\n",
        ),
        (
            libc::SIGPROF,
            "\npick-stack: stopped by a timer (SIGPROF) at a prompt; no answers were used or saved\n",
        ),
        (
            libc::SIGXCPU,
            "\npick-stack: out of CPU time (SIGXCPU) at a prompt; no answers were used or saved\n",
        ),
        (
            libc::SIGXFSZ,
            "\npick-stack: over the file size limit (SIGXFSZ) at a prompt; no answers were used or saved\n",
        ),
    ];

    /// The other signals whose default is to end the process and that a
    /// process may catch, said in one general sentence: faults and traps
    /// sent from outside (SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGSYS; a real
    /// fault ends the run the same way, which also restores the terminal),
    /// I/O and power signals, and the real-time ones. Left alone: SIGSEGV
    /// and SIGBUS, which Rust's runtime watches for stack overflows; SIGPIPE,
    /// which it ignores; SIGKILL and SIGSTOP, which nobody can catch.
    fn others_that_end_the_run() -> Vec<libc::c_int> {
        let mut signals = vec![
            libc::SIGILL,
            libc::SIGTRAP,
            libc::SIGABRT,
            libc::SIGFPE,
            libc::SIGSYS,
            libc::SIGIO,
        ];
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            signals.extend([libc::SIGSTKFLT, libc::SIGPWR]);
            signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
        }
        signals
    }

    /// What the run says for a signal without a sentence of its own.
    const OTHER_SIGNAL: &str =
        "\npick-stack: ended by a signal at a prompt; no answers were used or saved\n";

    /// Shows the cursor again (inquire hides it while it draws).
    const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

    /// The terminal's settings from before the prompt: written while no
    /// handler can run, read by the handler once `SAVED_READY` says so.
    struct Saved(UnsafeCell<Option<libc::termios>>);

    // SAFETY: written only by `PromptGuard::install`, before the handlers
    // that read it are installed (and while none is), and read only by
    // the handler; `SAVED_READY` orders the two.
    unsafe impl Sync for Saved {}

    static SAVED: Saved = Saved(UnsafeCell::new(None));
    static SAVED_READY: AtomicBool = AtomicBool::new(false);

    /// The terminal the prompts use: inquire asks only when standard input
    /// is one, and crossterm sets its raw mode there.
    const TERMINAL: libc::c_int = libc::STDIN_FILENO;

    /// Handles the signals that end a run, and SIGTSTP, while it lives
    /// (see the module's documentation); dropping it puts back what was
    /// there before.
    pub struct PromptGuard {
        previous: Vec<(libc::c_int, libc::sigaction)>,
    }

    impl PromptGuard {
        /// Saves the terminal's settings and installs the handlers. Call
        /// it before the first prompt changes the terminal.
        pub fn install() -> Self {
            SAVED_READY.store(false, Ordering::SeqCst);
            // SAFETY: no handler reads `SAVED` until `SAVED_READY` is set
            // below; `termios` is plain data that `tcgetattr` fills.
            unsafe {
                let mut settings: libc::termios = std::mem::zeroed();
                let saved = libc::tcgetattr(TERMINAL, &mut settings) == 0;
                *SAVED.0.get() = saved.then_some(settings);
            }
            SAVED_READY.store(true, Ordering::SeqCst);
            let mut previous = Vec::with_capacity(HANDLED.len());
            let handled = HANDLED
                .iter()
                .map(|(signal, _)| *signal)
                .chain(others_that_end_the_run());
            for signal in handled {
                // SAFETY: `action` is fully initialised (zeroed, then its
                // handler, mask and flags set); the handler only makes
                // async-signal-safe calls.
                unsafe {
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as usize;
                    // Every other signal waits while one is handled: the
                    // handler ends the process anyway.
                    libc::sigfillset(&mut action.sa_mask);
                    action.sa_flags = 0;
                    let mut old: libc::sigaction = std::mem::zeroed();
                    if libc::sigaction(signal, &action, &mut old) == 0 {
                        previous.push((signal, old));
                    }
                }
            }
            // Stopped from outside (`kill -TSTP`; Ctrl-Z is a plain key in
            // raw mode): the terminal is given back while the process waits,
            // and taken again when it continues.
            // SAFETY: as above; `on_stop` only makes async-signal-safe calls.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_stop as extern "C" fn(libc::c_int) as usize;
                libc::sigemptyset(&mut action.sa_mask);
                action.sa_flags = libc::SA_RESTART;
                let mut old: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(libc::SIGTSTP, &action, &mut old) == 0 {
                    previous.push((libc::SIGTSTP, old));
                }
            }
            Self { previous }
        }
    }

    impl Drop for PromptGuard {
        fn drop(&mut self) {
            for (signal, old) in &self.previous {
                // SAFETY: `old` is what `sigaction` returned for `signal`.
                unsafe {
                    libc::sigaction(*signal, old, std::ptr::null_mut());
                }
            }
        }
    }

    /// Hides the cursor (as the prompt had it) when the run continues.
    const HIDE_CURSOR: &[u8] = b"\x1b[?25l";

    /// Puts the terminal's settings from before the prompt back and shows
    /// the cursor.
    ///
    /// # Safety
    ///
    /// Only from a handler installed by [`PromptGuard::install`]: it reads
    /// the settings saved before, and makes only async-signal-safe calls
    /// (`tcsetattr`, `write`).
    unsafe fn give_the_terminal_back() {
        // SAFETY: as the function's contract says.
        unsafe {
            if SAVED_READY.load(Ordering::SeqCst)
                && let Some(settings) = &*SAVED.0.get()
            {
                libc::tcsetattr(TERMINAL, libc::TCSANOW, settings);
            }
            libc::write(
                libc::STDERR_FILENO,
                SHOW_CURSOR.as_ptr().cast(),
                SHOW_CURSOR.len(),
            );
        }
    }

    extern "C" fn on_stop(_signal: libc::c_int) {
        // SAFETY: tcgetattr, tcsetattr, write, getpid and kill are
        // async-signal-safe; the saved settings were written before this
        // handler was installed.
        unsafe {
            let mut prompt_settings: libc::termios = std::mem::zeroed();
            let have_prompt = libc::tcgetattr(TERMINAL, &mut prompt_settings) == 0;
            give_the_terminal_back();
            // SIGSTOP cannot be caught: the process stops here and goes on
            // from here when continued.
            libc::kill(libc::getpid(), libc::SIGSTOP);
            if have_prompt {
                libc::tcsetattr(TERMINAL, libc::TCSANOW, &prompt_settings);
            }
            libc::write(
                libc::STDERR_FILENO,
                HIDE_CURSOR.as_ptr().cast(),
                HIDE_CURSOR.len(),
            );
        }
    }

    extern "C" fn on_signal(signal: libc::c_int) {
        let message = HANDLED
            .iter()
            .find(|(handled, _)| *handled == signal)
            .map_or(OTHER_SIGNAL, |(_, message)| message);
        // SAFETY: tcsetattr, write and _exit are async-signal-safe; the
        // saved settings were written before this handler was installed.
        unsafe {
            give_the_terminal_back();
            libc::write(libc::STDERR_FILENO, message.as_ptr().cast(), message.len());
            libc::_exit(SIGNAL_EXIT_BASE + signal);
        }
    }
}

#[cfg(not(unix))]
mod other {
    /// Elsewhere the console is left to the platform.
    pub struct PromptGuard;

    impl PromptGuard {
        pub fn install() -> Self {
            Self
        }
    }
}
