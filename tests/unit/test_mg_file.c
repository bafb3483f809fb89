/*
 * test_mg_file.c — mg_file_open, the production guard shared by the trust
 * store and the configuration: with MG_FILE_GUARDED the resolved file and
 * every folder above it must be root's and writable by no one else (checked
 * on the opened descriptor), and where names the refused one; MG_FILE_KEEP
 * hands the refused file back; without a flag everything opens. The cases
 * that need a file to be root's run in a folder whose whole path is root's
 * (testutil_rootdir: /run or /root) as root; elsewhere they are skipped with
 * the reason printed.
 */
#include "tests/unit/testutil.h"

#include "i18n/mg_file.h"
#include "i18n/mg_rc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NOBODY 65534   /* a uid that is not root */

static const char *base;       /* the case's root-only folder (testutil_rootcase) */

/* Open path with flags and read its first line into text (when opened); returns the code. */
static int try_open(const char *path, unsigned flags, char *where, size_t wcap, char *text,
                    size_t tcap)
{
	FILE *f = (FILE *)1;
	int rc = mg_file_open(path, flags, &f, NULL, where, wcap);

	if (text && tcap)
		text[0] = '\0';
	if (f) {
		if (text && tcap && !fgets(text, (int)tcap, f))
			text[0] = '\0';
		fclose(f);
	}
	/* a stream comes back on success, and on a refusal only with MG_FILE_KEEP */
	if (rc == 0)
		CU_ASSERT_PTR_NOT_NULL(f);
	if (rc != 0 && !(rc == MG_EPERM && (flags & MG_FILE_KEEP)))
		CU_ASSERT_PTR_NULL(f);
	return rc;
}

/* Opened with MG_FILE_GUARDED | MG_FILE_KEEP: want_rc, where want_where and,
 * when want_text is given, the first line want_text (a kept stream is read). */
static void kept(const char *path, int want_rc, const char *want_where, const char *want_text)
{
	char where[PATH_MAX] = "x", text[32];

	CU_ASSERT_EQUAL(try_open(path, MG_FILE_GUARDED | MG_FILE_KEEP, where, sizeof where, text,
	                         sizeof text), want_rc);
	CU_ASSERT_STRING_EQUAL(where, want_where);
	if (want_text)
		CU_ASSERT_STRING_EQUAL(text, want_text);
}

/* Refused when guarded, with where naming want; opened without the flag. */
static void refused(const char *path, const char *want)
{
	char where[PATH_MAX] = "x";

	CU_ASSERT_EQUAL(try_open(path, MG_FILE_GUARDED, where, sizeof where, NULL, 0), MG_EPERM);
	CU_ASSERT_STRING_EQUAL(where, want);
	CU_ASSERT_EQUAL(try_open(path, 0, where, sizeof where, NULL, 0), 0);
	CU_ASSERT_STRING_EQUAL(where, "");
}

/* A root-owned 0644 file in a root-owned 0755 folder opens, and what is read is the file. */
static void t_root_only_opens(void)
{
	char where[PATH_MAX] = "x", real[PATH_MAX], text[64];
	const char *p;
	FILE *f = NULL;

	if (!(base = testutil_rootcase("root-only cases")))
		return;
	p = testutil_join(base, "a.txt");
	testutil_put_file(p, "alpha\n", 0644);
	CU_ASSERT_EQUAL_FATAL(mg_file_open(p, MG_FILE_GUARDED, &f, real, where, sizeof where), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_PTR_NOT_NULL(fgets(text, sizeof text, f));
	CU_ASSERT_STRING_EQUAL(text, "alpha\n");
	CU_ASSERT(fcntl(fileno(f), F_GETFD) & FD_CLOEXEC);
	fclose(f);
	CU_ASSERT_STRING_EQUAL(real, p);
	CU_ASSERT_STRING_EQUAL(where, "");
	/* tighter modes and a group that may read are fine; so are real and where NULL */
	CU_ASSERT_FATAL(chmod(p, 0600) == 0 && chmod(base, 0700) == 0);
	CU_ASSERT_EQUAL(try_open(p, MG_FILE_GUARDED, NULL, 0, text, sizeof text), 0);
	CU_ASSERT_FATAL(chmod(p, 0640) == 0 && chown(p, 0, NOBODY) == 0);
	CU_ASSERT_EQUAL(try_open(p, MG_FILE_GUARDED | MG_FILE_KEEP, where, sizeof where, text,
	                         sizeof text), 0);
	CU_ASSERT_STRING_EQUAL(text, "alpha\n");
	/* a relative name is resolved */
	{
		char cwd[PATH_MAX];

		CU_ASSERT_FATAL(getcwd(cwd, sizeof cwd) != NULL && chdir(base) == 0);
		CU_ASSERT_EQUAL(mg_file_open("./a.txt", MG_FILE_GUARDED, &f, real, NULL, 0), 0);
		CU_ASSERT_FATAL(chdir(cwd) == 0);
		if (f)
			fclose(f);
		CU_ASSERT_STRING_EQUAL(real, p);
	}
}

/* A file writable by group or others, or not root's, is refused naming the file. */
static void t_file_writable(void)
{
	const char *p;

	if (!(base = testutil_rootcase("root-only cases")))
		return;
	p = testutil_join(base, "w.txt");
	testutil_put_file(p, "x\n", 0666);
	refused(p, p);
	CU_ASSERT_FATAL(chmod(p, 0664) == 0);   /* group-writable only */
	refused(p, p);
	CU_ASSERT_FATAL(chmod(p, 0646) == 0);   /* other-writable only */
	refused(p, p);
	CU_ASSERT_FATAL(chmod(p, 0644) == 0 && chown(p, NOBODY, 0) == 0);
	refused(p, p);
	CU_ASSERT_FATAL(chown(p, 0, 0) == 0);
	CU_ASSERT_EQUAL(try_open(p, MG_FILE_GUARDED, NULL, 0, NULL, 0), 0);
}

/* A group-writable, world-writable, sticky or foreign folder on the path is refused naming it. */
static void t_folder_writable(void)
{
	const char *dir, *p;

	if (!(base = testutil_rootcase("root-only cases")))
		return;
	dir = testutil_join(base, "open");
	CU_ASSERT_FATAL(mkdir(dir, 0755) == 0 && chmod(dir, 0775) == 0);
	p = testutil_join(dir, "f.txt");
	testutil_put_file(p, "x\n", 0644);
	refused(p, dir);
	CU_ASSERT_FATAL(chmod(dir, 0777) == 0);
	refused(p, dir);
	CU_ASSERT_FATAL(chmod(dir, 01777) == 0);   /* the sticky bit does not excuse it */
	refused(p, dir);
	CU_ASSERT_FATAL(chmod(dir, 0755) == 0 && chown(dir, NOBODY, 0) == 0);
	refused(p, dir);
	/* a folder further up counts too, the first refused one is named */
	CU_ASSERT_FATAL(chown(dir, 0, 0) == 0 && chmod(base, 0757) == 0);
	refused(p, base);
	CU_ASSERT_FATAL(chmod(dir, 0777) == 0);
	refused(p, base);
	CU_ASSERT_FATAL(chmod(base, 0755) == 0 && chmod(dir, 0755) == 0);
	CU_ASSERT_EQUAL(try_open(p, MG_FILE_GUARDED, NULL, 0, NULL, 0), 0);
}

/* A symbolic link is judged by what it resolves to: the target's file and folders. */
static void t_symlink(void)
{
	char where[PATH_MAX], real[PATH_MAX], tmp[PATH_MAX], good[PATH_MAX];
	const char *link;
	FILE *f = NULL;

	if (!(base = testutil_rootcase("root-only cases")))
		return;
	snprintf(good, sizeof good, "%s", testutil_join(base, "good.txt"));   /* kept past the rotation */
	testutil_put_file(good, "good\n", 0644);
	/* a link in the root folder to a file under /tmp: refused at /tmp */
	testutil_put_file(testutil_path("target.txt"), "bad\n", 0644);
	link = testutil_join(base, "link.txt");
	CU_ASSERT_FATAL(symlink(testutil_path("target.txt"), link) == 0);
	CU_ASSERT_FATAL(realpath(testutil_tmpdir(), tmp) != NULL);
	*strchr(tmp + 1, '/') = '\0';   /* "/tmp" */
	refused(link, tmp);
	/* a link to a writable file in the root folder: refused naming the target */
	testutil_put_file(testutil_join(base, "w.txt"), "w\n", 0666);
	CU_ASSERT_FATAL(symlink("w.txt", testutil_join(base, "wlink.txt")) == 0);
	refused(testutil_join(base, "wlink.txt"), testutil_join(base, "w.txt"));
	/* a link (even one in /tmp) to the root-only file opens that file */
	unlink(testutil_path("good-link.txt"));
	CU_ASSERT_FATAL(symlink(good, testutil_path("good-link.txt")) == 0);
	CU_ASSERT_EQUAL(mg_file_open(testutil_path("good-link.txt"), MG_FILE_GUARDED, &f, real,
	                             where, sizeof where), 0);
	if (f)
		fclose(f);
	CU_ASSERT_STRING_EQUAL(real, good);
	/* a link to a folder on the path counts as that folder */
	CU_ASSERT_FATAL(mkdir(testutil_join(base, "sub"), 0755) == 0 && chmod(testutil_join(base, "sub"), 0777) == 0);
	testutil_put_file(testutil_join(testutil_join(base, "sub"), "s.txt"), "s\n", 0644);
	CU_ASSERT_FATAL(symlink("sub", testutil_join(base, "sublink")) == 0);
	refused(testutil_join(testutil_join(base, "sublink"), "s.txt"), testutil_join(base, "sub"));
}

/* A FIFO or a folder named as the file is refused; MG_FILE_KEEP hands the FIFO back without a hang. */
static void t_not_regular(void)
{
	char where[PATH_MAX] = "x";
	const char *fifo, *dir;
	int wfd;

	if (!(base = testutil_rootcase("root-only cases")))
		return;
	fifo = testutil_join(base, "fifo");
	CU_ASSERT_FATAL(mkfifo(fifo, 0644) == 0 && chmod(fifo, 0644) == 0);
	/* guarded: refused at once, no writer needed (O_NONBLOCK) */
	CU_ASSERT_EQUAL(try_open(fifo, MG_FILE_GUARDED, where, sizeof where, NULL, 0), MG_EPERM);
	CU_ASSERT_STRING_EQUAL(where, fifo);
	kept(fifo, MG_EPERM, fifo, "");   /* end of file, no writer */
	/* without the flag it is a plain fopen: give it a writer so the open does not wait */
	wfd = open(fifo, O_RDWR | O_NONBLOCK);
	CU_ASSERT_FATAL(wfd >= 0);
	CU_ASSERT_EQUAL(try_open(fifo, 0, where, sizeof where, NULL, 0), 0);
	close(wfd);
	dir = testutil_join(base, "dir.txt");
	CU_ASSERT_FATAL(mkdir(dir, 0755) == 0);
	CU_ASSERT_EQUAL(try_open(dir, MG_FILE_GUARDED, where, sizeof where, NULL, 0), MG_EPERM);
	CU_ASSERT_STRING_EQUAL(where, dir);
}

/* MG_FILE_KEEP: the refused file is still opened and read; where names the first refusal. */
static void t_keep(void)
{
	const char *dir, *p;

	if (!(base = testutil_rootcase("root-only cases")))
		return;
	p = testutil_join(base, "k.txt");
	testutil_put_file(p, "kept\n", 0666);
	kept(p, MG_EPERM, p, "kept\n");
	/* a refused folder is named, not the (also refused) file below it */
	dir = testutil_join(base, "open");
	CU_ASSERT_FATAL(mkdir(dir, 0755) == 0 && chmod(dir, 0777) == 0);
	p = testutil_join(dir, "k.txt");
	testutil_put_file(p, "kept too\n", 0666);
	kept(p, MG_EPERM, dir, "kept too\n");
	/* a file that passes comes back with 0 and where "" */
	CU_ASSERT_FATAL(chmod(dir, 0755) == 0 && chmod(p, 0644) == 0);
	kept(p, 0, "", NULL);
}

/* Anyone's file under /tmp (1777) is refused at /tmp; plain, KEEP and missing files behave. */
static void t_tmp_and_missing(void)
{
	char where[PATH_MAX] = "x", tmp[PATH_MAX], text[16];
	const char *p = testutil_path("plain.txt");
	FILE *f = (FILE *)1;

	testutil_put_file(p, "plain\n", 0644);
	CU_ASSERT_FATAL(realpath(testutil_tmpdir(), tmp) != NULL);
	*strchr(tmp + 1, '/') = '\0';   /* "/tmp" */
	refused(p, tmp);
	CU_ASSERT_FATAL(chmod(p, 0666) == 0);
	refused(p, tmp);   /* the folder is checked before the file */
	kept(p, MG_EPERM, tmp, "plain\n");
	CU_ASSERT_EQUAL(try_open(p, 0, NULL, 0, text, sizeof text), 0);
	CU_ASSERT_STRING_EQUAL(text, "plain\n");
	/* missing: MG_EIO with errno ENOENT in every mode, where "" */
	errno = 0;
	CU_ASSERT_EQUAL(mg_file_open(testutil_path("none.txt"), MG_FILE_GUARDED, &f, NULL, where,
	                             sizeof where), MG_EIO);
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT_PTR_NULL(f);
	CU_ASSERT_STRING_EQUAL(where, "");
	errno = 0;
	CU_ASSERT_EQUAL(try_open(testutil_path("none.txt"), MG_FILE_GUARDED | MG_FILE_KEEP, where,
	                         sizeof where, NULL, 0), MG_EIO);
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT_EQUAL(try_open(testutil_path("none.txt"), 0, where, sizeof where, NULL, 0), MG_EIO);
}

TESTUTIL_REGISTER(mg_file)
{
	static const struct testutil_case cases_[] = {
		{ "root-only file opens", t_root_only_opens },
		{ "writable or foreign file refused", t_file_writable },
		{ "writable or foreign folder refused", t_folder_writable },
		{ "symbolic links: the target counts", t_symlink },
		{ "FIFO and folder refused", t_not_regular },
		{ "MG_FILE_KEEP hands the refused file back", t_keep },
		{ "/tmp refused, missing file", t_tmp_and_missing },
		{ NULL, NULL }
	};
	testutil_suite("mg_file", NULL, NULL, cases_);
}
