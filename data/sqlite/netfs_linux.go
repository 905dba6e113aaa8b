//go:build linux

package sqlite

import "golang.org/x/sys/unix"

// Magic numbers of network filesystems from statfs(2).
var networkFS = map[int64]string{
	0x6969:     "NFS",
	0xFF534D42: "CIFS",
	0xFE534D42: "SMB2",
	0x517B:     "SMB",
	0x65735546: "FUSE", // sshfs and similar; WAL needs shared memory these cannot give
	0x01021994: "",     // tmpfs: local, listed to make the intent explicit
}

// networkFilesystem names the network filesystem holding dir, or returns "".
func networkFilesystem(dir string) string {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return ""
	}
	return networkFS[int64(st.Type)]
}
