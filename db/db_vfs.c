/*
 * db_vfs.c — a VFS shim over the default one that gathers the WAL frames of
 * a transaction into one write().
 *
 * SQLite writes every WAL frame as two write() calls (the 24-byte header and
 * the page), so a 転入 that touches 22 pages makes 44 calls into the
 * kernel's ext4 write path, each with its own inode lock and time update.
 * The shim keeps consecutive WAL writes in memory and hands them to the
 * file in one pwrite() before anything can depend on them:
 *   - before every other operation on that WAL file: xSync (which a commit
 *     calls before it publishes its frames), xRead, xTruncate, xFileSize,
 *     xClose, file controls;
 *   - before any wal-index (shared-memory) map, lock or barrier of any
 *     database file in the process, as a second line.
 * It gathers only for a connection whose last `PRAGMA synchronous` was FULL
 * or EXTRA (db_open sets FULL). Then SQLite syncs the WAL at every commit
 * before it tells other connections about the frames, so a failed write is
 * reported by that xSync and the commit fails cleanly. Under NORMAL or OFF
 * the frames are published without a sync, and a write failing at that
 * point could not be reported, so those connections write straight through.
 *
 * Durability is unchanged, and a process killed while frames are still in
 * memory loses only a transaction that had not committed.
 *
 * Two facts of SQLite this relies on (3.40):
 *   - the unix VFS writes at most 128 KiB per call (it masks the length
 *     with 0x1ffff), so one gathered run stays below WALBUF_MAX;
 *   - a WAL file's name, given to sqlite3_filename_database(), is the very
 *     pointer its database file was opened with, which ties the WAL to the
 *     connection's database file (and its synchronous setting).
 */
#include "db/db_vfs.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DB_VFS_NAME "madoguchi-walbuf"
#define WALBUF_MAX (124 * 1024)   /* one pwrite(), under the unix VFS's 128 KiB */

struct walbuf_file {
	sqlite3_file base;          /* our methods */
	sqlite3_file *real;         /* the default VFS's file, right after us */
	const char *name;           /* the name SQLite opened it with */
	int main_db;                /* a main database file */
	int sync_full;              /* main db: synchronous is FULL or EXTRA */
	int wal;                    /* a WAL file */
	struct walbuf_file *owner;  /* wal: its main database file, NULL if unknown */
	unsigned char *buf;         /* wal: gathered bytes */
	size_t len, cap;            /* used / allocated */
	sqlite3_int64 off;          /* file offset of buf[0] */
	struct walbuf_file *next;   /* the process's open main and WAL files */
};

static sqlite3_vfs walbuf_vfs;
static sqlite3_vfs *walbuf_base;
static struct walbuf_file *walbuf_files;
static sqlite3_mutex *walbuf_mutex;

/* Write out what a WAL file has gathered (caller holds walbuf_mutex). */
static int walbuf_flush(struct walbuf_file *f)
{
	int rc;

	if (!f->len)
		return SQLITE_OK;
	rc = f->real->pMethods->xWrite(f->real, f->buf, (int)f->len, f->off);
	f->len = 0;
	return rc;
}

/* Write out every WAL file of the process; the first error is returned. */
static int walbuf_flush_all(void)
{
	int rc = SQLITE_OK;

	sqlite3_mutex_enter(walbuf_mutex);
	for (struct walbuf_file *f = walbuf_files; f; f = f->next) {
		int r = walbuf_flush(f);

		if (rc == SQLITE_OK)
			rc = r;
	}
	sqlite3_mutex_leave(walbuf_mutex);
	return rc;
}

/* Write out what this file has gathered, if it is a WAL file. */
static int walbuf_flush_one(sqlite3_file *p)
{
	struct walbuf_file *f = (struct walbuf_file *)p;
	int rc;

	if (!f->len)
		return SQLITE_OK;
	sqlite3_mutex_enter(walbuf_mutex);
	rc = walbuf_flush(f);
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
		if ((*pp)->owner == f)
			(*pp)->owner = NULL;
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
	if (f->len && (off != f->off + (sqlite3_int64)f->len ||
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

/* `PRAGMA synchronous=X` on a main database file: FULL (2) or EXTRA (3)
 * lets its WAL gather; anything else writes out and stops gathering. */
static void walbuf_note_pragma(struct walbuf_file *f, char **arg)
{
	const char *v = arg[2];
	int full;

	if (!f->main_db || !arg[1] || strcasecmp(arg[1], "synchronous") != 0 || !v)
		return;
	full = !strcasecmp(v, "full") || !strcasecmp(v, "extra") || !strcmp(v, "2") ||
	       !strcmp(v, "3");
	if (!full)
		(void)walbuf_flush_all();
	sqlite3_mutex_enter(walbuf_mutex);
	f->sync_full = full;
	sqlite3_mutex_leave(walbuf_mutex);
}

static int walbuf_file_control(sqlite3_file *p, int op, void *arg)
{
	int rc = walbuf_flush_one(p);

	if (rc != SQLITE_OK)
		return rc;
	if (op == SQLITE_FCNTL_PRAGMA)
		walbuf_note_pragma((struct walbuf_file *)p, arg);
	rc = REAL(p)->pMethods->xFileControl(REAL(p), op, arg);
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

/* The wal-index calls: where frames become visible to other connections. */
static int walbuf_shm_map(sqlite3_file *p, int pg, int pgsz, int extend, void volatile **out)
{
	int rc = walbuf_flush_all();

	return rc != SQLITE_OK ? rc : REAL(p)->pMethods->xShmMap(REAL(p), pg, pgsz, extend, out);
}

static int walbuf_shm_lock(sqlite3_file *p, int offset, int n, int flags)
{
	int rc = walbuf_flush_all();

	return rc != SQLITE_OK ? rc : REAL(p)->pMethods->xShmLock(REAL(p), offset, n, flags);
}

static void walbuf_shm_barrier(sqlite3_file *p)
{
	/* nothing is gathered here in practice: a gathering connection syncs
	 * (and so writes out) before it publishes; this is the second line */
	(void)walbuf_flush_all();
	REAL(p)->pMethods->xShmBarrier(REAL(p));
}

static int walbuf_shm_unmap(sqlite3_file *p, int del)
{
	int rc = walbuf_flush_all();

	return rc != SQLITE_OK ? rc : REAL(p)->pMethods->xShmUnmap(REAL(p), del);
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

	(void)vfs;
	memset(f, 0, sizeof *f);
	f->real = (sqlite3_file *)&f[1];
	rc = walbuf_base->xOpen(walbuf_base, name, f->real, flags, out_flags);
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
	(void)v;
	return walbuf_base->xDelete(walbuf_base, n, s);
}

static int walbuf_access(sqlite3_vfs *v, const char *n, int f, int *o)
{
	(void)v;
	return walbuf_base->xAccess(walbuf_base, n, f, o);
}

static int walbuf_full_pathname(sqlite3_vfs *v, const char *n, int sz, char *o)
{
	(void)v;
	return walbuf_base->xFullPathname(walbuf_base, n, sz, o);
}

static void *walbuf_dlopen(sqlite3_vfs *v, const char *n)
{
	(void)v;
	return walbuf_base->xDlOpen(walbuf_base, n);
}

static void walbuf_dlerror(sqlite3_vfs *v, int n, char *o)
{
	(void)v;
	walbuf_base->xDlError(walbuf_base, n, o);
}

static void (*walbuf_dlsym(sqlite3_vfs *v, void *h, const char *s))(void)
{
	(void)v;
	return walbuf_base->xDlSym(walbuf_base, h, s);
}

static void walbuf_dlclose(sqlite3_vfs *v, void *h)
{
	(void)v;
	walbuf_base->xDlClose(walbuf_base, h);
}

static int walbuf_randomness(sqlite3_vfs *v, int n, char *o)
{
	(void)v;
	return walbuf_base->xRandomness(walbuf_base, n, o);
}

static int walbuf_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return walbuf_base->xSleep(walbuf_base, us);
}

static int walbuf_current_time(sqlite3_vfs *v, double *o)
{
	(void)v;
	return walbuf_base->xCurrentTime(walbuf_base, o);
}

static int walbuf_get_last_error(sqlite3_vfs *v, int n, char *o)
{
	(void)v;
	return walbuf_base->xGetLastError ? walbuf_base->xGetLastError(walbuf_base, n, o) : 0;
}

static int walbuf_current_time_int64(sqlite3_vfs *v, sqlite3_int64 *o)
{
	(void)v;
	return walbuf_base->xCurrentTimeInt64(walbuf_base, o);
}

const char *db_vfs_name(void)
{
	sqlite3_mutex *m;

	if (sqlite3_initialize() != SQLITE_OK)
		return NULL;
	m = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_VFS1);
	sqlite3_mutex_enter(m);
	if (!walbuf_base) {
		sqlite3_vfs *base = sqlite3_vfs_find(NULL);

		if (base && base->iVersion >= 2 && base->xCurrentTimeInt64) {
			walbuf_mutex = sqlite3_mutex_alloc(SQLITE_MUTEX_FAST);
			walbuf_vfs = (sqlite3_vfs){
				.iVersion = 2,
				.szOsFile = (int)sizeof(struct walbuf_file) + base->szOsFile,
				.mxPathname = base->mxPathname,
				.zName = DB_VFS_NAME,
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
			if (walbuf_mutex && sqlite3_vfs_register(&walbuf_vfs, 0) == SQLITE_OK)
				walbuf_base = base;
		}
	}
	sqlite3_mutex_leave(m);
	return walbuf_base ? DB_VFS_NAME : NULL;
}
