#include <kernel/abi/errno.h>
#include <kernel/fs/devices.h>
#include <kernel/lib/random.h>
#include <kernel/tty/device.h>
#include <kernel/tty/pty.h>

namespace {

// Linux's device numbers: makedev(major, minor).
constexpr u32 device_number(u32 major, u32 minor) { return (major << 8) | minor; }

class Null final : public Inode {
public:
    ErrorOr<usize> read(u64, const IoBuffer&, usize) override { return 0; }
    ErrorOr<usize> write(u64, const IoBuffer&, usize length) override { return length; }
};

ErrorOr<usize> write_zeros(const IoBuffer& buffer, usize length)
{
    static const u8 zeros[256] = {};
    for (usize done = 0; done < length; done += sizeof(zeros))
        TRY(buffer.write(done, zeros, libk::min(sizeof(zeros), length - done)));
    return length;
}

class Zero final : public Inode {
public:
    ErrorOr<usize> read(u64, const IoBuffer& buffer, usize length) override { return write_zeros(buffer, length); }
    ErrorOr<usize> write(u64, const IoBuffer&, usize length) override { return length; }
};

// Reads as zeros; every write fails as on a full disk.
class Full final : public Inode {
public:
    ErrorOr<usize> read(u64, const IoBuffer& buffer, usize length) override { return write_zeros(buffer, length); }
    ErrorOr<usize> write(u64, const IoBuffer&, usize) override { return Error::from_errno(abi::ENOSPC); }
};

// random and urandom: the kernel's pseudo-random bytes (lib/random.h);
// what is written is accepted and ignored.
class Random final : public Inode {
public:
    ErrorOr<usize> read(u64, const IoBuffer& buffer, usize length) override
    {
        u8 chunk[64];
        for (usize done = 0; done < length; done += sizeof(chunk)) {
            usize n = libk::min(sizeof(chunk), length - done);
            random::fill(chunk, n);
            TRY(buffer.write(done, chunk, n));
        }
        return length;
    }
    ErrorOr<usize> write(u64, const IoBuffer&, usize length) override { return length; }
};

template<typename T>
ErrorOr<RefPtr<Inode>> make(u32 permissions, u32 major, u32 minor)
{
    auto device = TRY(try_make_ref_counted<T>());
    device->mode = mode::CHARACTER | permissions;
    device->rdev = device_number(major, minor);
    return RefPtr<Inode>(device);
}

} // namespace

namespace devices {

ErrorOr<RefPtr<Inode>> create(Device which)
{
    switch (which) {
    case Device::Console: return tty::create_device(tty::DeviceName::Console);
    case Device::Serial: return tty::create_device(tty::DeviceName::Serial);
    case Device::Tty: return tty::create_device(tty::DeviceName::Controlling);
    case Device::Ptmx: return pty::create_master_device(0666);
    case Device::Null: return make<Null>(0666, 1, 3);
    case Device::Zero: return make<Zero>(0666, 1, 5);
    case Device::Full: return make<Full>(0666, 1, 7);
    case Device::Random: return make<Random>(0666, 1, 8);
    case Device::Urandom: return make<Random>(0666, 1, 9);
    }
    return Error::from_errno(abi::ENODEV);
}

} // namespace devices
