//! A ceiling on the memory the `hopeprint` binary takes. Typst cannot be stopped from
//! inside a layout, and a layout can ask it for gigabytes at once (`range(1000000000)`);
//! without a ceiling the operating system's refusal aborts the process. With it, the run
//! ends with an error and exit code 1 instead (every file is written atomically, so
//! nothing is left half-written).

use std::alloc::{GlobalAlloc, Layout};

use mimalloc::MiMalloc;
use std::cell::Cell;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};

/// The ceiling unless `HOPEPRINT_MEMORY_LIMIT` (in MB) sets another: thirty times what a
/// full build of the built-in catalogue takes.
pub const DEFAULT_LIMIT_MB: usize = 3 * 1024;

/// mimalloc (faster than the system allocator for typesetting's many small objects),
/// counting the bytes in use and refusing to pass the ceiling.
pub struct Ceiling;

static IN_USE: AtomicIsize = AtomicIsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT_LIMIT_MB * 1024 * 1024);
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Sets the ceiling from `HOPEPRINT_MEMORY_LIMIT` (megabytes), if it is a number.
pub fn set_limit_from_env() {
    if let Some(mb) = std::env::var("HOPEPRINT_MEMORY_LIMIT")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        LIMIT.store(mb.saturating_mul(1024 * 1024), Ordering::Relaxed);
    }
}

/// Ends the run: the message is a fixed text, written without allocating.
fn stop() -> ! {
    // One thread reports and exits; any other that gets here waits for the exit.
    if STOPPING.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    let _ = std::io::stderr().write_all(
        b"error: hopeprint needs more memory than its limit for this, and stops\n  \
          hint: a layout or content file probably runs away (a loop over a huge range, a \
          huge table): check the last one you changed\n  \
          hint: to allow more, set HOPEPRINT_MEMORY_LIMIT to a number of megabytes\n",
    );
    std::process::exit(1)
}

/// Bytes a thread allocates or frees before it adds them to the shared count: one atomic
/// operation per megabyte, not per allocation (two threads updating one counter on every
/// allocation cost a build about a tenth of its time). The count lags by at most this
/// much per thread, nothing beside a ceiling of gigabytes.
const BATCH: isize = 1 << 20;

thread_local! {
    static PENDING: Cell<isize> = const { Cell::new(0) };
}

/// Adds `delta` bytes to this thread's pending count, and that to the shared count once
/// it reaches a batch either way; returns the shared count when it was updated.
fn count(delta: isize) -> Option<isize> {
    let flush = PENDING
        .try_with(|pending| {
            let total = pending.get() + delta;
            let flush = total.abs() >= BATCH;
            pending.set(if flush { 0 } else { total });
            flush.then_some(total)
        })
        // A thread whose storage is gone (it is exiting) counts directly.
        .unwrap_or(Some(delta));
    flush.map(|total| IN_USE.fetch_add(total, Ordering::Relaxed) + total)
}

/// Counts `size` more bytes in use, and stops if the count passes the ceiling.
fn reserve(size: usize) {
    let size = isize::try_from(size).unwrap_or(isize::MAX);
    let limit = isize::try_from(LIMIT.load(Ordering::Relaxed)).unwrap_or(isize::MAX);
    if count(size).is_some_and(|in_use| in_use > limit) {
        stop();
    }
}

/// Counts `size` bytes no longer in use.
fn release(size: usize) {
    count(-isize::try_from(size).unwrap_or(isize::MAX));
}

/// `ptr`, or the end of the run if the allocator found no memory under the ceiling (a
/// limit on the address space, or the machine's memory): the same error, not an abort.
fn or_stop(ptr: *mut u8) -> *mut u8 {
    if ptr.is_null() {
        stop();
    }
    ptr
}

// SAFETY: every call is passed to mimalloc unchanged; only the count of bytes
// in use is kept beside it.
unsafe impl GlobalAlloc for Ceiling {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        reserve(layout.size());
        // SAFETY: the caller's contract for `alloc`, passed on.
        or_stop(unsafe { MiMalloc.alloc(layout) })
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        reserve(layout.size());
        // SAFETY: as `alloc`.
        or_stop(unsafe { MiMalloc.alloc_zeroed(layout) })
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract for `dealloc`, passed on.
        unsafe { MiMalloc.dealloc(ptr, layout) };
        release(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            reserve(new_size - layout.size());
        } else {
            release(layout.size() - new_size);
        }
        // SAFETY: the caller's contract for `realloc`, passed on.
        or_stop(unsafe { MiMalloc.realloc(ptr, layout, new_size) })
    }
}
