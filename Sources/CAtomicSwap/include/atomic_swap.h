#ifndef CANDOR_ATOMIC_SWAP_H
#define CANDOR_ATOMIC_SWAP_H

/// Atomically exchanges two existing paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (EINVAL or ENOSYS where unsupported).
int candor_exchange_paths(const char *first, const char *second);

#endif
