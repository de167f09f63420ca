//! Giving the memory a build has freed back to the system where a large build moves from one
//! large piece of work to the next.
//!
//! jemalloc gives freed pages back a second after they were freed (see `src/main.rs`). A
//! province's lists are made one after another, and each holds hundreds of megabytes while it
//! is made and frees them once written, in less than that second: the coverage page's values,
//! made last, were made while the pages the lists before it had freed were still held, and the
//! build's peak rose and fell with how fast those lists had been (993 to 1,033 MB).

use std::ptr::null_mut;

/// Gives back every page jemalloc holds freed, in every arena; whether jemalloc did. When
/// jemalloc is not the program's allocator (in the tests), its arenas hold nothing to give.
pub(crate) fn give_back_freed() -> bool {
    // `arena.<i>.purge` with `MALLCTL_ARENAS_ALL` (4096 in jemalloc 5): every arena.
    const PURGE_ALL: &[u8] = b"arena.4096.purge\0";
    // SAFETY: the name is NUL-terminated, and no value is read or written. Failing leaves the
    // pages to the decay above, as before.
    let failed = unsafe {
        tikv_jemalloc_sys::mallctl(
            PURGE_ALL.as_ptr().cast(),
            null_mut(),
            null_mut(),
            null_mut(),
            0,
        )
    };
    failed == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn jemalloc_knows_the_purge_it_is_asked_for() {
        // A misspelt name is refused (ENOENT) and nothing would be given back.
        assert!(super::give_back_freed());
    }
}
