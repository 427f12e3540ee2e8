#include <kernel/fs/devfs.h>
#include <kernel/fs/devices.h>
#include <kernel/fs/tmpfs.h>
#include <libk/string.h>

namespace {
RefPtr<Inode> the_root; // set once at boot
}

namespace devfs {

ErrorOr<void> init()
{
    tmpfs::Options options;
    options.root_mode = 0755;
    RefPtr<tmpfs::Directory> root = TRY(tmpfs::create(options, "devtmpfs"));
    struct {
        const char* name;
        devices::Device device;
    } nodes[] = {
        { "console", devices::Device::Console }, { "ttyS0", devices::Device::Serial },
        { "tty", devices::Device::Tty }, { "ptmx", devices::Device::Ptmx },
        { "null", devices::Device::Null }, { "zero", devices::Device::Zero }, { "full", devices::Device::Full },
        { "random", devices::Device::Random }, { "urandom", devices::Device::Urandom },
    };
    for (auto& node : nodes) {
        RefPtr<Inode> device = TRY(devices::create(node.device));
        device->fs = root->fs;
        device->ino = tmpfs::next_ino();
        device->atime = device->mtime = device->ctime = Timespec::now();
        TRY(root->add(node.name, libk::strlen(node.name), device));
    }
    TRY(root->make_directory("shm", 3, 01777, 0, 0));
    TRY(root->make_directory("pts", 3, 0755, 0, 0)); // where init mounts devpts
    the_root = root;
    return {};
}

RefPtr<Inode> root() { return the_root; }

} // namespace devfs
