//! Removing pick-stack's temporary files when SIGINT, SIGTERM or SIGHUP
//! ends the process while it writes files.
//!
//! A write puts each file's new content in a temporary file beside it
//! first (see [`crate::atomic_file`]); a signal's default action would end
//! the process and leave those behind. While a [`Cleanup`] exists, a
//! handler removes the registered paths and then lets the signal do what it
//! did before (usually end the process, with the signal as its status).
//!
//! Why plain `sigaction` and not signal-hook (which crossterm already
//! uses): the handler must exist only while files are written, and
//! signal-hook-registry cannot take its handler away again; once its last
//! action is unregistered, it swallows SIGTERM for the rest of the run.
//! Here the previous disposition is saved, restored when the write ends,
//! and restored by the handler itself before it re-raises the signal, so a
//! prompt's own handling (or the default) is what a signal meets outside a
//! write. A signal the process ignores (SIGHUP under `nohup`) stays
//! ignored: cleaning up would only break the write it lets go on.

use std::cell::UnsafeCell;
use std::ffi::CString;
use std::mem::MaybeUninit;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

/// The signals that end a write with its temporary files removed.
const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// At most this many paths are registered at once: a write has one
/// temporary file per output, and pick-stack writes at most two outputs.
const SLOTS: usize = 8;

/// The registered paths, as C strings the handler can pass to `unlink`
/// without allocating. Whoever swaps a pointer out of a slot owns it: the
/// handler (which leaks it, as it must not free) or [`Cleanup::forget`].
static PATHS: [AtomicPtr<libc::c_char>; SLOTS] = [const { AtomicPtr::new(ptr::null_mut()) }; SLOTS];

/// Whether a [`Cleanup`] exists; there is one at a time.
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Each signal's disposition before [`Cleanup::install`], in the order of
/// [`SIGNALS`], and whether the handler was installed for it.
struct Previous(UnsafeCell<[(MaybeUninit<libc::sigaction>, bool); 3]>);

// Written only by `install` before any handler can run, and by nothing
// after; read by the handler and by `drop`.
unsafe impl Sync for Previous {}

static PREVIOUS: Previous = Previous(UnsafeCell::new([
    (MaybeUninit::uninit(), false),
    (MaybeUninit::uninit(), false),
    (MaybeUninit::uninit(), false),
]));

/// While this exists, SIGINT, SIGTERM and SIGHUP remove the registered
/// paths before the process ends.
pub struct Cleanup {
    _private: (),
}

/// A path registered with [`Cleanup::register`].
#[derive(Debug)]
pub struct Registered {
    slot: usize,
    pointer: *mut libc::c_char,
}

impl Cleanup {
    /// Installs the handler, or returns `None` when a cleanup is already
    /// installed (writes do not nest).
    pub fn install() -> Option<Self> {
        if INSTALLED.swap(true, Ordering::SeqCst) {
            return None;
        }
        // SAFETY: `PREVIOUS` is written here only, while no handler of ours
        // is installed (INSTALLED was false), so nothing reads it meanwhile.
        let previous = unsafe { &mut *PREVIOUS.0.get() };
        for (index, &signal) in SIGNALS.iter().enumerate() {
            // SAFETY: plain sigaction calls with valid pointers; the handler
            // only calls async-signal-safe functions (unlink, sigaction,
            // raise) and atomic operations.
            unsafe {
                let mut old = MaybeUninit::<libc::sigaction>::zeroed();
                if libc::sigaction(signal, ptr::null(), old.as_mut_ptr()) != 0 {
                    previous[index].1 = false;
                    continue;
                }
                if old.assume_init_ref().sa_sigaction == libc::SIG_IGN {
                    previous[index].1 = false;
                    continue;
                }
                previous[index].0 = old;
                let mut action = MaybeUninit::<libc::sigaction>::zeroed().assume_init();
                action.sa_sigaction = remove_and_reraise as extern "C" fn(libc::c_int) as usize;
                libc::sigemptyset(&mut action.sa_mask);
                action.sa_flags = libc::SA_RESTART;
                previous[index].1 = libc::sigaction(signal, &action, ptr::null_mut()) == 0;
            }
        }
        Some(Self { _private: () })
    }

    /// Registers `path` to be removed if a signal ends the process; `None`
    /// when every slot is taken (the path is then left behind by a signal,
    /// as before this module existed).
    pub fn register(&self, path: &Path) -> Option<Registered> {
        let pointer = CString::new(path.as_os_str().as_bytes()).ok()?.into_raw();
        for (slot, cell) in PATHS.iter().enumerate() {
            if cell
                .compare_exchange(ptr::null_mut(), pointer, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
            {
                return Some(Registered { slot, pointer });
            }
        }
        // SAFETY: `pointer` came from `into_raw` above and was never shared.
        drop(unsafe { CString::from_raw(pointer) });
        None
    }

    /// Stops removing a path: it was renamed into place or removed already.
    pub fn forget(&self, registered: Registered) {
        let taken = PATHS[registered.slot].compare_exchange(
            registered.pointer,
            ptr::null_mut(),
            Ordering::SeqCst,
            Ordering::SeqCst,
        );
        if taken.is_ok() {
            // SAFETY: the pointer came from `into_raw` in `register`, and the
            // successful exchange made this call its only owner.
            drop(unsafe { CString::from_raw(registered.pointer) });
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        // SAFETY: see `install`; `PREVIOUS` is only read here.
        let previous = unsafe { &*PREVIOUS.0.get() };
        for (index, &signal) in SIGNALS.iter().enumerate() {
            if previous[index].1 {
                // SAFETY: restores the disposition saved by `install`.
                unsafe {
                    libc::sigaction(signal, previous[index].0.as_ptr(), ptr::null_mut());
                }
            }
        }
        INSTALLED.store(false, Ordering::SeqCst);
    }
}

/// Runs `work` with SIGINT, SIGTERM and SIGHUP held back (on this thread,
/// the only one pick-stack has while it writes); one that arrives meanwhile
/// is delivered when `work` is done. For steps that must not be cut in
/// two: creating a temporary file and registering it, and putting several
/// files in place.
pub fn with_signals_held<T>(work: impl FnOnce() -> T) -> T {
    // SAFETY: sigset_t values are initialised by sigemptyset/sigaddset, and
    // pthread_sigmask only changes this thread's mask, restored below.
    unsafe {
        let mut held = MaybeUninit::<libc::sigset_t>::zeroed().assume_init();
        libc::sigemptyset(&mut held);
        for signal in SIGNALS {
            libc::sigaddset(&mut held, signal);
        }
        let mut before = MaybeUninit::<libc::sigset_t>::zeroed().assume_init();
        libc::pthread_sigmask(libc::SIG_BLOCK, &held, &mut before);
        let result = work();
        libc::pthread_sigmask(libc::SIG_SETMASK, &before, ptr::null_mut());
        result
    }
}

/// The handler: removes every registered path, restores the disposition
/// the signal had before, and raises it again, so the process ends (or the
/// earlier handler runs) once this returns.
extern "C" fn remove_and_reraise(signal: libc::c_int) {
    for cell in &PATHS {
        let path = cell.swap(ptr::null_mut(), Ordering::SeqCst);
        if !path.is_null() {
            // SAFETY: a registered pointer is a valid C string; it is leaked
            // here, since freeing is not async-signal-safe.
            unsafe {
                libc::unlink(path);
            }
        }
    }
    let Some(index) = SIGNALS.iter().position(|&known| known == signal) else {
        return;
    };
    // SAFETY: `PREVIOUS` was written before this handler was installed.
    unsafe {
        let previous = &*PREVIOUS.0.get();
        libc::sigaction(signal, previous[index].0.as_ptr(), ptr::null_mut());
        // The signal is blocked while its handler runs: this makes it
        // pending, and it is delivered to the restored disposition as the
        // handler returns.
        libc::raise(signal);
    }
}
