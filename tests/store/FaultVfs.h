#pragma once

// SQLite's own fault injection: a VFS that wraps the default one and, while a fault is
// set, fails every write and truncate with SQLITE_FULL (a full disk) or SQLITE_READONLY
// (a file or filesystem made read-only). Registered as the default VFS for the test's
// lifetime, so the store under test opens through it unchanged. Reads keep working.
// CannotOpen fails opening the main database file itself (SQLITE_CANTOPEN), like a file
// that cannot be read or a missing one in a directory that cannot be written.

#include <sqlite3.h>

#include <atomic>
#include <cstring>

namespace opsdeck::store::test {

class FaultVfs final
{
public:
    enum class Fault { None, Full, ReadOnly, CannotOpen };

    FaultVfs()
    {
        s_self = this;
        m_base = sqlite3_vfs_find(nullptr);
        m_vfs = *m_base;
        m_vfs.zName = "opsdeck-fault";
        m_vfs.szOsFile = static_cast<int>(sizeof(File)) + m_base->szOsFile;
        m_vfs.pAppData = this;
        m_vfs.xOpen = &FaultVfs::open;
        sqlite3_vfs_register(&m_vfs, 1);
    }
    ~FaultVfs()
    {
        sqlite3_vfs_unregister(&m_vfs);
        sqlite3_vfs_register(m_base, 1);
        s_self = nullptr;
    }
    FaultVfs(const FaultVfs &) = delete;
    FaultVfs &operator=(const FaultVfs &) = delete;

    void set(Fault fault) { m_fault.store(fault); }
    int failedWrites() const { return m_failedWrites.load(); }

private:
    // Our header, then the base VFS's file object right behind it.
    struct File {
        sqlite3_file base; // pMethods: our table
        sqlite3_file *real() { return reinterpret_cast<sqlite3_file *>(this + 1); }
    };

    static File *self(sqlite3_file *f) { return reinterpret_cast<File *>(f); }

    int injected()
    {
        switch (m_fault.load()) {
        case Fault::Full: ++m_failedWrites; return SQLITE_FULL;
        case Fault::ReadOnly: ++m_failedWrites; return SQLITE_READONLY;
        case Fault::None:
        case Fault::CannotOpen: return SQLITE_OK;
        }
        return SQLITE_OK;
    }

    static int open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *outFlags)
    {
        auto *me = static_cast<FaultVfs *>(vfs->pAppData);
        File *f = self(file);
        std::memset(f, 0, sizeof(File));
        if (me->m_fault.load() == Fault::CannotOpen && (flags & SQLITE_OPEN_MAIN_DB) != 0)
            return SQLITE_CANTOPEN;
        const int rc = me->m_base->xOpen(me->m_base, name, f->real(), flags, outFlags);
        f->base.pMethods = f->real()->pMethods ? &kMethods : nullptr;
        return rc;
    }

    static int close(sqlite3_file *f) { return self(f)->real()->pMethods->xClose(self(f)->real()); }
    static int read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
    {
        return self(f)->real()->pMethods->xRead(self(f)->real(), buf, n, off);
    }
    static int write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
    {
        if (const int rc = s_self->injected(); rc != SQLITE_OK)
            return rc;
        return self(f)->real()->pMethods->xWrite(self(f)->real(), buf, n, off);
    }
    static int truncate(sqlite3_file *f, sqlite3_int64 size)
    {
        if (const int rc = s_self->injected(); rc != SQLITE_OK)
            return rc;
        return self(f)->real()->pMethods->xTruncate(self(f)->real(), size);
    }
    static int sync(sqlite3_file *f, int flags) { return self(f)->real()->pMethods->xSync(self(f)->real(), flags); }
    static int fileSize(sqlite3_file *f, sqlite3_int64 *size)
    {
        return self(f)->real()->pMethods->xFileSize(self(f)->real(), size);
    }
    static int lock(sqlite3_file *f, int level) { return self(f)->real()->pMethods->xLock(self(f)->real(), level); }
    static int unlock(sqlite3_file *f, int level)
    {
        return self(f)->real()->pMethods->xUnlock(self(f)->real(), level);
    }
    static int checkReservedLock(sqlite3_file *f, int *out)
    {
        return self(f)->real()->pMethods->xCheckReservedLock(self(f)->real(), out);
    }
    static int fileControl(sqlite3_file *f, int op, void *arg)
    {
        return self(f)->real()->pMethods->xFileControl(self(f)->real(), op, arg);
    }
    static int sectorSize(sqlite3_file *f) { return self(f)->real()->pMethods->xSectorSize(self(f)->real()); }
    static int deviceCharacteristics(sqlite3_file *f)
    {
        return self(f)->real()->pMethods->xDeviceCharacteristics(self(f)->real());
    }
    static int shmMap(sqlite3_file *f, int page, int size, int extend, void volatile **out)
    {
        return self(f)->real()->pMethods->xShmMap(self(f)->real(), page, size, extend, out);
    }
    static int shmLock(sqlite3_file *f, int offset, int n, int flags)
    {
        return self(f)->real()->pMethods->xShmLock(self(f)->real(), offset, n, flags);
    }
    static void shmBarrier(sqlite3_file *f) { self(f)->real()->pMethods->xShmBarrier(self(f)->real()); }
    static int shmUnmap(sqlite3_file *f, int deleteFlag)
    {
        return self(f)->real()->pMethods->xShmUnmap(self(f)->real(), deleteFlag);
    }
    // No memory-mapped I/O (mmap_size is 0 by default): every write goes through xWrite.
    static int fetch(sqlite3_file *, sqlite3_int64, int, void **out)
    {
        *out = nullptr;
        return SQLITE_OK;
    }
    static int unfetch(sqlite3_file *, sqlite3_int64, void *) { return SQLITE_OK; }

    static constexpr sqlite3_io_methods kMethods = {
        3,         &close,    &read,     &write,   &truncate,   &sync,       &fileSize, &lock,
        &unlock,   &checkReservedLock,   &fileControl,          &sectorSize, &deviceCharacteristics,
        &shmMap,   &shmLock,  &shmBarrier, &shmUnmap, &fetch,   &unfetch,
    };

    static inline FaultVfs *s_self = nullptr;
    sqlite3_vfs *m_base = nullptr;
    sqlite3_vfs m_vfs{};
    std::atomic<Fault> m_fault{Fault::None};
    std::atomic<int> m_failedWrites{0};
};

} // namespace opsdeck::store::test
