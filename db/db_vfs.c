/*
 * db_vfs.c — a VFS shim over the default one that gathers the WAL frames of
 * a transaction into one write().
 *
 * SQLite writes every WAL frame as two write() calls (the 24-byte header and
 * the page), so a 転入 that writes 19 frames makes 38 calls into the
 * kernel's ext4 write path, each with its own inode lock and time update.
 * The shim keeps consecutive WAL writes in memory and hands them to the
 * file in one pwrite() before anything can depend on them:
 *   - before every other operation on that WAL file: xSync (which a commit
 *     calls before it publishes its frames), xRead, xTruncate, xFileSize,
 *     xClose, file controls;
 *   - before a wal-index (shared-memory) map, lock or barrier of the
 *     connection that owns the WAL, as a second line. Another connection
 *     never needs them: frames are published only after the owner's sync.
 * It gathers only for a connection that db_open switched on after its
 * `PRAGMA synchronous=FULL` took effect (DB_VFS_FCNTL_GATHER), and stops at any
 * later `PRAGMA synchronous` other than FULL or EXTRA. Then SQLite syncs the
 * WAL at every commit before it tells other connections about the frames.
 * Under NORMAL or OFF the frames are published without a sync, so those
 * connections write straight through.
 *
 * A gathered run that cannot be written (a full disk, a file-size limit) is
 * never dropped silently. The error sticks to the WAL file, and every later
 * call of its connection on it (xWrite, xSync, xRead, ...) fails with it, so
 * the transaction that lost frames can only roll back, never commit with a
 * hole in the WAL. The error is cleared when the connection releases the
 * WAL's write lock at the end of that transaction. (Under locking_mode=
 * EXCLUSIVE, which takes no wal-index locks and madoguchi never sets, it
 * stays until the connection is closed.)
 *
 * Durability is unchanged, and a process killed while frames are still in
 * memory loses only a transaction that had not committed.
 *
 * Facts of SQLite this relies on (3.40):
 *   - the unix VFS writes at most 128 KiB per call (it masks the length
 *     with 0x1ffff), so one gathered run stays below WALBUF_MAX;
 *   - a WAL file's name, given to sqlite3_filename_database(), is the very
 *     pointer its database file was opened with, which ties the WAL to the
 *     connection's database file (and its synchronous setting);
 *   - the WAL's write lock is wal-index lock 0 (the file format's
 *     WAL_WRITE_LOCK), taken through the database file's xShmLock.
 */
#include "db/db_vfs.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DB_VFS_NAME "madoguchi-walbuf"
#define WALBUF_MAX (124 * 1024)   /* one pwrite(), under the unix VFS's 128 KiB */
#define WALBUF_WRITE_LOCK 0       /* WAL_WRITE_LOCK in the wal-index's lock bytes */

struct walbuf_file {
	sqlite3_file base;          /* our methods */
	sqlite3_file *real;         /* the default VFS's file, right after us */
	const char *name;           /* the name SQLite opened it with */
	int main_db;                /* a main database file */
	int sync_full;              /* main db: synchronous is FULL or EXTRA */
	int wal;                    /* a WAL file */
	int err;                    /* wal: a gathered run was lost; its error */
	struct walbuf_file *owner;  /* wal: its main database file, NULL if unknown */
	unsigned char *buf;         /* wal: gathered bytes */
	size_t len, cap;            /* used / allocated */
	sqlite3_int64 off;          /* file offset of buf[0] */
	struct walbuf_file *next;   /* the process's open main and WAL files */
};

static struct walbuf_file *walbuf_files;   /* of every instance of the shim */
static sqlite3_mutex *walbuf_mutex;
static int walbuf_default;                 /* registered over the default VFS */

/* The VFS an instance of the shim stands on. */
#define BASE(v) ((sqlite3_vfs *)(v)->pAppData)

/* Write out what a WAL file has gathered (caller holds walbuf_mutex). A
 * failed write keeps its error on the file for the owner's next calls. */
static int walbuf_flush(struct walbuf_file *f)
{
	int rc;

	if (!f->len)
		return SQLITE_OK;
	rc = f->real->pMethods->xWrite(f->real, f->buf, (int)f->len, f->off);
	f->len = 0;
	if (rc != SQLITE_OK && f->err == SQLITE_OK)
		f->err = rc;
	return rc;
}

/* Write out the WAL files whose connection's database file is db. A
 * failure stays on its WAL file (walbuf_flush). */
static void walbuf_flush_owned(struct walbuf_file *db)
{
	sqlite3_mutex_enter(walbuf_mutex);
	for (struct walbuf_file *f = walbuf_files; f; f = f->next)
		if (f->owner == db)
			(void)walbuf_flush(f);
	sqlite3_mutex_leave(walbuf_mutex);
}

/* Before any other use of a file: write out what it has gathered, if it is
 * a WAL file. Returns the error of a run it lost, now or earlier. */
static int walbuf_flush_one(sqlite3_file *p)
{
	struct walbuf_file *f = (struct walbuf_file *)p;
	int rc;

	if (!f->len && !f->err)
		return SQLITE_OK;
	sqlite3_mutex_enter(walbuf_mutex);
	(void)walbuf_flush(f);
	rc = f->err;
	sqlite3_mutex_leave(walbuf_mutex);
	return rc;
}

#define REAL(p) (((struct walbuf_file *)(p))->real)

static int walbuf_close(sqlite3_file *p)
{
	struct walbuf_file *f = (struct walbuf_file *)p;
	int rc, frc = SQLITE_OK;

	sqlite3_mutex_enter(walbuf_mutex);
	frc = walbuf_flush(f);
	for (struct walbuf_file **pp = &walbuf_files; *pp;) {
		if (*pp == f) {
			*pp = f->next;
			continue;
		}
		if ((*pp)->owner == f) {
			/* not in practice: SQLite closes the WAL first */
			(void)walbuf_flush(*pp);
			(*pp)->owner = NULL;
		}
		pp = &(*pp)->next;
	}
	sqlite3_mutex_leave(walbuf_mutex);
	sqlite3_free(f->buf);
	f->buf = NULL;
	rc = f->real->pMethods->xClose(f->real);
	return frc != SQLITE_OK ? frc : rc;
}

static int walbuf_read(sqlite3_file *p, void *out, int amt, sqlite3_int64 off)
{
	int rc = walbuf_flush_one(p);

	return rc != SQLITE_OK ? rc : REAL(p)->pMethods->xRead(REAL(p), out, amt, off);
}

/* Gather a write that continues the gathered run; write anything else through. */
static int walbuf_write(sqlite3_file *p, const void *in, int amt, sqlite3_int64 off)
{
	struct walbuf_file *f = (struct walbuf_file *)p;
	int rc = SQLITE_OK, gathered = 0;

	if (!f->wal)
		return f->real->pMethods->xWrite(f->real, in, amt, off);
	sqlite3_mutex_enter(walbuf_mutex);
	rc = f->err;
	if (rc == SQLITE_OK && f->len && (off != f->off + (sqlite3_int64)f->len ||
	               f->len + (size_t)amt > WALBUF_MAX))
		rc = walbuf_flush(f);
	if (rc == SQLITE_OK && f->owner && f->owner->sync_full && amt > 0 &&
	    f->len + (size_t)amt <= WALBUF_MAX) {
		if (f->len + (size_t)amt > f->cap) {
			unsigned char *nb = sqlite3_realloc64(f->buf, WALBUF_MAX);

			if (nb) {
				f->buf = nb;
				f->cap = WALBUF_MAX;
			}
		}
		if (f->len + (size_t)amt <= f->cap) {
			if (!f->len)
				f->off = off;
			memcpy(f->buf + f->len, in, (size_t)amt);
			f->len += (size_t)amt;
			gathered = 1;
		}
	}
	if (rc == SQLITE_OK && !gathered) {
		/* not gathering, or no memory to gather into: as it came, after
		 * what was gathered before it */
		rc = walbuf_flush(f);
		if (rc == SQLITE_OK)
			rc = f->real->pMethods->xWrite(f->real, in, amt, off);
	}
	sqlite3_mutex_leave(walbuf_mutex);
	return rc;
}

static int walbuf_truncate(sqlite3_file *p, sqlite3_int64 size)
{
	int rc = walbuf_flush_one(p);

	return rc != SQLITE_OK ? rc : REAL(p)->pMethods->xTruncate(REAL(p), size);
}

static int walbuf_sync(sqlite3_file *p, int flags)
{
	int rc = walbuf_flush_one(p);

	return rc != SQLITE_OK ? rc : REAL(p)->pMethods->xSync(REAL(p), flags);
}

static int walbuf_file_size(sqlite3_file *p, sqlite3_int64 *size)
{
	int rc = walbuf_flush_one(p);

	return rc != SQLITE_OK ? rc : REAL(p)->pMethods->xFileSize(REAL(p), size);
}

static int walbuf_lock(sqlite3_file *p, int level)
{
	return REAL(p)->pMethods->xLock(REAL(p), level);
}

static int walbuf_unlock(sqlite3_file *p, int level)
{
	return REAL(p)->pMethods->xUnlock(REAL(p), level);
}

static int walbuf_check_reserved(sqlite3_file *p, int *out)
{
	return REAL(p)->pMethods->xCheckReservedLock(REAL(p), out);
}

/* `PRAGMA synchronous=X` on a main database file. SQLite sees it after us
 * and may refuse it (inside a transaction), so only a level that keeps the
 * commit's WAL sync (FULL or EXTRA) leaves gathering as it was; any other
 * writes out and stops gathering, accepted or not. */
static void walbuf_note_pragma(struct walbuf_file *f, char **arg)
{
	const char *v = arg[2];

	if (!f->main_db || !arg[1] || strcasecmp(arg[1], "synchronous") != 0 || !v)
		return;
	if (!strcasecmp(v, "full") || !strcasecmp(v, "extra") || !strcmp(v, "2") ||
	    !strcmp(v, "3"))
		return;
	walbuf_flush_owned(f);
	sqlite3_mutex_enter(walbuf_mutex);
	f->sync_full = 0;
	sqlite3_mutex_leave(walbuf_mutex);
}

static int walbuf_file_control(sqlite3_file *p, int op, void *arg)
{
	struct walbuf_file *f = (struct walbuf_file *)p;
	int rc;

	if (op == DB_VFS_FCNTL_GATHER) {
		if (!f->main_db)
			return SQLITE_NOTFOUND;
		if (!*(int *)arg)
			walbuf_flush_owned(f);
		sqlite3_mutex_enter(walbuf_mutex);
		f->sync_full = *(int *)arg != 0;
		sqlite3_mutex_leave(walbuf_mutex);
		return SQLITE_OK;
	}
	if (op == DB_VFS_FCNTL_GATHERING) {
		if (!f->main_db)
			return SQLITE_NOTFOUND;
		sqlite3_mutex_enter(walbuf_mutex);
		*(int *)arg = f->sync_full;
		sqlite3_mutex_leave(walbuf_mutex);
		return SQLITE_OK;
	}
	rc = walbuf_flush_one(p);
	if (rc != SQLITE_OK)
		return rc;
	if (op == SQLITE_FCNTL_PRAGMA)
		walbuf_note_pragma(f, arg);
	rc = f->real->pMethods->xFileControl(f->real, op, arg);
	if (op == SQLITE_FCNTL_VFSNAME && rc == SQLITE_OK)
		*(char **)arg = sqlite3_mprintf(DB_VFS_NAME "/%z", *(char **)arg);
	return rc;
}

static int walbuf_sector_size(sqlite3_file *p)
{
	return REAL(p)->pMethods->xSectorSize(REAL(p));
}

static int walbuf_device_characteristics(sqlite3_file *p)
{
	return REAL(p)->pMethods->xDeviceCharacteristics(REAL(p));
}

/*
 * The wal-index calls, made on a connection's database file: where its
 * frames become visible to other connections. Its own gathered frames are
 * written out first (they are already, in practice: a gathering connection
 * syncs before it publishes). A failure stays on the WAL file for the
 * owner's next call on it, and the wal-index call itself goes ahead: an
 * unlock must never be refused. Releasing the write lock ends the
 * transaction (rolled back, since it could not commit), which clears the
 * error: the next one writes from the last committed frame, below anything
 * that was lost.
 */
static int walbuf_shm_map(sqlite3_file *p, int pg, int pgsz, int extend, void volatile **out)
{
	walbuf_flush_owned((struct walbuf_file *)p);
	return REAL(p)->pMethods->xShmMap(REAL(p), pg, pgsz, extend, out);
}

static int walbuf_shm_lock(sqlite3_file *p, int offset, int n, int flags)
{
	struct walbuf_file *db = (struct walbuf_file *)p;
	int rc;

	walbuf_flush_owned(db);
	rc = REAL(p)->pMethods->xShmLock(REAL(p), offset, n, flags);
	if (rc == SQLITE_OK && offset == WALBUF_WRITE_LOCK &&
	    flags == (SQLITE_SHM_UNLOCK | SQLITE_SHM_EXCLUSIVE)) {
		sqlite3_mutex_enter(walbuf_mutex);
		for (struct walbuf_file *f = walbuf_files; f; f = f->next)
			if (f->owner == db)
				f->err = SQLITE_OK;
		sqlite3_mutex_leave(walbuf_mutex);
	}
	return rc;
}

static void walbuf_shm_barrier(sqlite3_file *p)
{
	walbuf_flush_owned((struct walbuf_file *)p);
	REAL(p)->pMethods->xShmBarrier(REAL(p));
}

static int walbuf_shm_unmap(sqlite3_file *p, int del)
{
	walbuf_flush_owned((struct walbuf_file *)p);
	return REAL(p)->pMethods->xShmUnmap(REAL(p), del);
}

static int walbuf_fetch(sqlite3_file *p, sqlite3_int64 off, int amt, void **out)
{
	int rc = walbuf_flush_one(p);

	return rc != SQLITE_OK ? rc : REAL(p)->pMethods->xFetch(REAL(p), off, amt, out);
}

static int walbuf_unfetch(sqlite3_file *p, sqlite3_int64 off, void *page)
{
	return REAL(p)->pMethods->xUnfetch(REAL(p), off, page);
}

static const sqlite3_io_methods walbuf_methods = {
	3,
	walbuf_close,
	walbuf_read,
	walbuf_write,
	walbuf_truncate,
	walbuf_sync,
	walbuf_file_size,
	walbuf_lock,
	walbuf_unlock,
	walbuf_check_reserved,
	walbuf_file_control,
	walbuf_sector_size,
	walbuf_device_characteristics,
	walbuf_shm_map,
	walbuf_shm_lock,
	walbuf_shm_barrier,
	walbuf_shm_unmap,
	walbuf_fetch,
	walbuf_unfetch,
};

static int walbuf_xopen(sqlite3_vfs *vfs, const char *name, sqlite3_file *p, int flags,
                        int *out_flags)
{
	struct walbuf_file *f = (struct walbuf_file *)p;
	int rc;

	memset(f, 0, sizeof *f);
	f->real = (sqlite3_file *)&f[1];
	rc = BASE(vfs)->xOpen(BASE(vfs), name, f->real, flags, out_flags);
	if (rc != SQLITE_OK || !f->real->pMethods) {
		/* SQLite calls no method of a file whose pMethods is NULL */
		p->pMethods = NULL;
		return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
	}
	/* every method of a version-3 file (wal-index, fetch) is forwarded */
	if (f->real->pMethods->iVersion < 3) {
		f->real->pMethods->xClose(f->real);
		p->pMethods = NULL;
		return SQLITE_CANTOPEN;
	}
	f->name = name;
	f->main_db = name && (flags & SQLITE_OPEN_MAIN_DB);
	f->wal = name && (flags & SQLITE_OPEN_WAL);
	sqlite3_mutex_enter(walbuf_mutex);
	if (f->wal) {
		const char *db_name = sqlite3_filename_database(name);

		for (struct walbuf_file *g = walbuf_files; g; g = g->next)
			if (g->main_db && g->name == db_name)
				f->owner = g;
	}
	if (f->wal || f->main_db) {
		f->next = walbuf_files;
		walbuf_files = f;
	}
	sqlite3_mutex_leave(walbuf_mutex);
	p->pMethods = &walbuf_methods;
	return SQLITE_OK;
}

/* The VFS-level calls are the base's. */
static int walbuf_delete(sqlite3_vfs *v, const char *n, int s)
{
	return BASE(v)->xDelete(BASE(v), n, s);
}

static int walbuf_access(sqlite3_vfs *v, const char *n, int f, int *o)
{
	return BASE(v)->xAccess(BASE(v), n, f, o);
}

static int walbuf_full_pathname(sqlite3_vfs *v, const char *n, int sz, char *o)
{
	return BASE(v)->xFullPathname(BASE(v), n, sz, o);
}

static void *walbuf_dlopen(sqlite3_vfs *v, const char *n)
{
	return BASE(v)->xDlOpen(BASE(v), n);
}

static void walbuf_dlerror(sqlite3_vfs *v, int n, char *o)
{
	BASE(v)->xDlError(BASE(v), n, o);
}

static void (*walbuf_dlsym(sqlite3_vfs *v, void *h, const char *s))(void)
{
	return BASE(v)->xDlSym(BASE(v), h, s);
}

static void walbuf_dlclose(sqlite3_vfs *v, void *h)
{
	BASE(v)->xDlClose(BASE(v), h);
}

static int walbuf_randomness(sqlite3_vfs *v, int n, char *o)
{
	return BASE(v)->xRandomness(BASE(v), n, o);
}

static int walbuf_sleep(sqlite3_vfs *v, int us)
{
	return BASE(v)->xSleep(BASE(v), us);
}

static int walbuf_current_time(sqlite3_vfs *v, double *o)
{
	return BASE(v)->xCurrentTime(BASE(v), o);
}

static int walbuf_get_last_error(sqlite3_vfs *v, int n, char *o)
{
	return BASE(v)->xGetLastError ? BASE(v)->xGetLastError(BASE(v), n, o) : 0;
}

static int walbuf_current_time_int64(sqlite3_vfs *v, sqlite3_int64 *o)
{
	return BASE(v)->xCurrentTimeInt64(BASE(v), o);
}

int db_vfs_register(const char *name, sqlite3_vfs *base)
{
	sqlite3_vfs *v;
	sqlite3_mutex *m;
	int rc;

	if (!name || !base || base->iVersion < 2 || !base->xCurrentTimeInt64)
		return SQLITE_MISUSE;
	rc = sqlite3_initialize();
	if (rc != SQLITE_OK)
		return rc;
	m = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_VFS1);
	sqlite3_mutex_enter(m);
	if (!walbuf_mutex)
		walbuf_mutex = sqlite3_mutex_alloc(SQLITE_MUTEX_FAST);
	v = walbuf_mutex ? sqlite3_malloc(sizeof *v) : NULL;
	if (!v) {
		sqlite3_mutex_leave(m);
		return SQLITE_NOMEM;
	}
	*v = (sqlite3_vfs){
		.iVersion = 2,
		.szOsFile = (int)sizeof(struct walbuf_file) + base->szOsFile,
		.mxPathname = base->mxPathname,
		.zName = name,
		.pAppData = base,
		.xOpen = walbuf_xopen,
		.xDelete = walbuf_delete,
		.xAccess = walbuf_access,
		.xFullPathname = walbuf_full_pathname,
		.xDlOpen = walbuf_dlopen,
		.xDlError = walbuf_dlerror,
		.xDlSym = walbuf_dlsym,
		.xDlClose = walbuf_dlclose,
		.xRandomness = walbuf_randomness,
		.xSleep = walbuf_sleep,
		.xCurrentTime = walbuf_current_time,
		.xGetLastError = walbuf_get_last_error,
		.xCurrentTimeInt64 = walbuf_current_time_int64,
	};
	rc = sqlite3_vfs_register(v, 0);
	if (rc != SQLITE_OK)
		sqlite3_free(v);
	sqlite3_mutex_leave(m);
	return rc;
}

const char *db_vfs_name(void)
{
	sqlite3_mutex *m;

	if (sqlite3_initialize() != SQLITE_OK)
		return NULL;
	m = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_VFS2);
	sqlite3_mutex_enter(m);
	if (!walbuf_default && sqlite3_vfs_find(NULL) &&
	    db_vfs_register(DB_VFS_NAME, sqlite3_vfs_find(NULL)) == SQLITE_OK)
		walbuf_default = 1;
	sqlite3_mutex_leave(m);
	return walbuf_default ? DB_VFS_NAME : NULL;
}
