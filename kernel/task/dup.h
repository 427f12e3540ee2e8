// The dup_* functions: each allocates a copy of one context object and
// touches no task. copy_process (clone, fork) and unshare both use them,
// as the seed's design has it. Defined in fork.cpp and signal/sighand.cpp.
#pragma once

#include <libk/error.h>
#include <libk/refptr.h>

class Mm;
class FsContext;
class FileTable;
class SigHand;

ErrorOr<RefPtr<Mm>> dup_mm(Mm&);
ErrorOr<RefPtr<FsContext>> dup_fs(FsContext&);
ErrorOr<RefPtr<FileTable>> dup_files(FileTable&);
ErrorOr<RefPtr<SigHand>> dup_sighand(const SigHand&);
