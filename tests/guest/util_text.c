/* util_text: the utilities that read and write text: true, false, echo,
 * cat, head, wc and grep (user/bin). Each is run from /bin with files it
 * must read, standard input it must copy, and mistakes it must report:
 * the exit status (0, 1 failure, 2 usage), what it wrote and its message
 * on standard error. */
#include "utility.h"

#define DIR "/tmp/util-text"

static void test_true_false(void)
{
    struct run r;
    run(&r, "/bin/true");
    expect_exactly(&r, 0, "", "", "true exits 0 and writes nothing");
    run(&r, "/bin/false");
    expect_exactly(&r, 1, "", "", "false exits 1 and writes nothing");
}

static void test_echo(void)
{
    struct run r;
    run(&r, "/bin/echo", "hello", "world");
    expect_exactly(&r, 0, "hello world\n", "", "echo writes its words with one space and a newline");
    run(&r, "/bin/echo", "-n", "a", "", "b");
    expect_exactly(&r, 0, "a  b", "", "echo -n: no newline; an empty word is kept");
    run(&r, "/bin/echo");
    expect_exactly(&r, 0, "\n", "", "echo without words writes a newline");
}

static void test_cat(void)
{
    struct run r;
    struct run_setup in = { .input = "from stdin\n" };
    run(&r, "/bin/cat", DIR "/one", DIR "/two");
    expect_exactly(&r, 0, "first\nline two\nsecond\n", "", "cat copies files in order");
    run_as(&r, &in, "/bin/cat");
    expect_exactly(&r, 0, "from stdin\n", "", "cat without files copies standard input");
    run_as(&r, &in, "/bin/cat", DIR "/one", "-", DIR "/two");
    expect_exactly(&r, 0, "first\nline two\nfrom stdin\nsecond\n", "", "cat - reads standard input in its place");
    run(&r, "/bin/cat", DIR "/missing", DIR "/two");
    expect_exactly(&r, 1, "second\n", "cat: " DIR "/missing: No such file or directory\n",
        "cat of a missing file: message, status 1, the other files still copied");
    run(&r, "/bin/cat", DIR);
    expect(&r, 1, "", "cat: " DIR ": Is a directory", "cat of a directory fails with EISDIR");
}

static void test_head(void)
{
    struct run r;
    struct run_setup in = { .input = "a\nb\nc\n" };
    run(&r, "/bin/head", "-n", "2", DIR "/lines");
    expect_exactly(&r, 0, "1\n2\n", "", "head -n 2 prints the first two lines");
    run(&r, "/bin/head", DIR "/lines");
    expect_exactly(&r, 0, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "", "head prints ten lines by default");
    run_as(&r, &in, "/bin/head", "-n1");
    expect_exactly(&r, 0, "a\n", "", "head -n1 reads standard input");
    run(&r, "/bin/head", "-n", "1", DIR "/one", DIR "/two");
    expect_exactly(&r, 0, "==> " DIR "/one <==\nfirst\n\n==> " DIR "/two <==\nsecond\n", "",
        "head of two files names each");
    run(&r, "/bin/head", "-n", "x", DIR "/one");
    expect(&r, 2, "", "usage: head", "head -n x is a usage error");
    run(&r, "/bin/head", DIR "/missing");
    expect_exactly(&r, 1, "", "head: " DIR "/missing: No such file or directory\n", "head of a missing file fails");
}

static void test_wc(void)
{
    struct run r;
    struct run_setup in = { .input = "one two\n three \n" };
    run(&r, "/bin/wc", DIR "/one");
    expect_exactly(&r, 0, "2 3 15 " DIR "/one\n", "", "wc counts lines, words, bytes");
    run(&r, "/bin/wc", "-l", DIR "/lines");
    expect_exactly(&r, 0, "12 " DIR "/lines\n", "", "wc -l counts lines");
    run_as(&r, &in, "/bin/wc", "-w");
    expect_exactly(&r, 0, "3\n", "", "wc -w counts the words of standard input");
    run(&r, "/bin/wc", "-c", "-l", DIR "/one", DIR "/two");
    expect_exactly(&r, 0, "2 15 " DIR "/one\n1 7 " DIR "/two\n3 22 total\n", "",
        "wc -c -l of two files, then a total");
    run(&r, "/bin/wc", "-x");
    expect(&r, 2, "", "usage: wc", "wc -x is a usage error");
    run(&r, "/bin/wc", DIR "/missing");
    expect_exactly(&r, 1, "", "wc: " DIR "/missing: No such file or directory\n", "wc of a missing file fails");
}

static void test_grep(void)
{
    struct run r;
    struct run_setup in = { .input = "apple\nBanana\ncherry\n" };
    run(&r, "/bin/grep", "an", DIR "/fruit");
    expect_exactly(&r, 0, "banana\norange\n", "", "grep prints the lines that hold the string");
    run(&r, "/bin/grep", "-v", "an", DIR "/fruit");
    expect_exactly(&r, 0, "apple\nPLANT\n", "", "grep -v prints the others");
    run(&r, "/bin/grep", "-c", "an", DIR "/fruit");
    expect_exactly(&r, 0, "2\n", "", "grep -c counts them");
    run(&r, "/bin/grep", "-i", "-n", "AN", DIR "/fruit");
    expect_exactly(&r, 0, "2:banana\n3:orange\n4:PLANT\n", "", "grep -i -n: any case, with line numbers");
    run_as(&r, &in, "/bin/grep", "an");
    expect_exactly(&r, 0, "Banana\n", "", "grep reads standard input");
    run(&r, "/bin/grep", "first", DIR "/one", DIR "/fruit");
    expect_exactly(&r, 0, DIR "/one:first\n", "", "grep of several files names the file");
    run(&r, "/bin/grep", "kiwi", DIR "/fruit");
    expect_exactly(&r, 1, "", "", "grep without a match: status 1, nothing printed");
    run(&r, "/bin/grep", "an", DIR "/missing", DIR "/fruit");
    expect(&r, 2, DIR "/fruit:banana", "grep: " DIR "/missing: No such file or directory",
        "grep with a missing file: status 2, the other file still searched");
    run(&r, "/bin/grep");
    expect(&r, 2, "", "usage: grep", "grep without a string is a usage error");
}

int main(void)
{
    plan(31);
    mkdir(DIR, 0755);
    write_file(DIR "/one", "first\nline two\n", 0644);
    write_file(DIR "/two", "second\n", 0644);
    write_file(DIR "/lines", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", 0644);
    write_file(DIR "/fruit", "apple\nbanana\norange\nPLANT\n", 0644);
    test_true_false();
    test_echo();
    test_cat();
    test_head();
    test_wc();
    test_grep();
    unlink(DIR "/one");
    unlink(DIR "/two");
    unlink(DIR "/lines");
    unlink(DIR "/fruit");
    rmdir(DIR);
    return done();
}
