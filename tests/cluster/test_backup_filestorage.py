"""make backup / make restore on the FileStorage of `make start` (repozo + blob directory).

A real instance on a copy of the demo site: a backup taken while it serves and writes,
then backup → change (a sheet edited, the File's bytes replaced, a workflow transition)
→ restore gives back the backed-up state exactly. Bad input leaves Data.fs as it was.
"""

import backup_sites as sites
import os
import pytest
import shutil


PORT = sites.PORT + 1


@pytest.fixture(scope="module")
def site():
    var = sites.fs_site("fs", PORT)
    env = dict(sites.fs_env(var, PORT), BACKUP_DIR=str(sites.BASE / "fs-backups"))
    shutil.rmtree(env["BACKUP_DIR"], ignore_errors=True)
    instance = sites.fs_instance(var, PORT).start()
    session = sites.admin()
    file_url = sites.upload(session, instance.url, "piece-jointe", os.urandom(300_000))
    try:
        yield var, env, instance, session, file_url
    finally:
        instance.stop()


def test_backup_while_serving_and_writing(site):
    """repozo reads up to the last complete transaction while writes go on; blobs copied
    after it: the restored site holds whole Files only, a prefix of what was written."""
    var, env, instance, session, _file_url = site
    with sites.Writer(session, instance.url) as writer:
        results = [sites.cli("backup", env=env) for _ in range(2)]
    assert [code for code, _out, _err in results] == [0, 0], results
    assert all(out.startswith("backup filestorage: ") and out.rstrip().endswith(" s") for _code, out, _err in results)
    instance.stop()
    assert sites.cli("restore", sites.latest(env, "filestorage"), env=env)[0] == 0
    instance.start()
    assert writer.check_restored(session) < len(writer.files)


def test_backup_change_restore_gives_back_the_backed_up_state(site):
    var, env, instance, session, file_url = site
    before = sites.snapshot(session, instance.url, file_url)
    code, out, err = sites.cli("backup", env=env)
    assert code == 0, err
    backup = sites.latest(env, "filestorage")
    sites.change(session, instance.url, file_url)
    changed = sites.snapshot(session, instance.url, file_url)
    assert changed[0] != before[0] and changed[1] != before[1] and len(changed[2]) == len(before[2]) + 1

    # Refused while the site runs (Data.fs.lock held): nothing changes.
    data_fs = var / "filestorage" / "Data.fs"
    checksum = sites.sha256(data_fs)
    code, out, err = sites.cli("restore", backup, env=env)
    assert code == 4 and out == ""
    assert err == f"restore: {data_fs} is in use (its lock is held: is `make start` running?); stop the site first\n"
    assert sites.sha256(data_fs) == checksum

    instance.stop()
    code, out, err = sites.cli("restore", backup, env=env)
    assert code == 0, err
    assert out.startswith(f"restored filestorage backup {backup.name.split('-', 1)[1]} into {data_fs} in ")
    assert sorted(path.name for path in data_fs.parent.iterdir()) == ["Data.fs", "Data.fs.index", "Data.fs.lock"]
    assert sorted(path.name for path in var.iterdir() if path.name.startswith("blobstorage")) == ["blobstorage"]
    instance.start()
    after = sites.snapshot(session, instance.url, file_url)
    assert after[0] == before[0]  # @catalogue-export, CSV and JSON, byte for byte
    assert after[1] == before[1]  # the File's bytes
    assert after[2] == before[2]  # the workflow history


def test_retention_keeps_the_newest(site):
    var, env, *_rest = site
    for _ in range(3):
        assert sites.cli("backup", env=env)[0] == 0
    stranger = sites.BASE / "fs-backups" / "not-a-backup"
    stranger.mkdir(exist_ok=True)
    newest = sorted(sites.BASE.joinpath("fs-backups").glob("filestorage-*"))[-2:]
    code, out, err = sites.cli("backup", env=dict(env, KEEP="2"))
    assert code == 0, err
    kept = sorted(sites.BASE.joinpath("fs-backups").glob("filestorage-*"))
    assert len(kept) == 2 and kept[0] == newest[1] and out.count("removed old backup (KEEP=2): ") >= 3
    assert stranger.is_dir()  # not a backup: never removed
    assert sites.cli("backup", env=dict(env, KEEP="0"))[1:] == ("", "backup: KEEP=0: keep at least 1 backup\n")


def test_bad_input_leaves_data_fs_untouched(site):
    var, env, instance, *_rest = site
    instance.stop()  # the restores below get past the lock: only the backup stops them
    try:
        data_fs = var / "filestorage" / "Data.fs"
        checksum, blobs = sites.sha256(data_fs), sorted(p.name for p in (var / "blobstorage").rglob("*"))
        missing = sites.BASE / "no-such-backup"
        assert sites.cli("restore", missing, env=env) == (2, "", f"restore: {missing}: no such backup (the path does not exist)\n")
        assert sites.cli("restore", env=env) == (2, "", "restore: which backup? make restore BACKUP=<backup directory>\n")
        other = sites.BASE / "fs-backups" / "not-a-backup"
        other.mkdir(exist_ok=True)
        a_file = other / "Data.fs"
        a_file.write_bytes(data_fs.read_bytes()[:4096])
        expected = f"restore: {a_file}: not a backup (a backup is a directory made by `make backup`)\n"
        assert sites.cli("restore", a_file, env=env) == (2, "", expected)
        assert sites.cli("restore", other, env=env) == (2, "", f"restore: {other}: not a backup (no manifest.json)\n")
        (other / "manifest.json").write_text("{not json")
        code, _out, err = sites.cli("restore", other, env=env)
        assert code == 2 and err.startswith(f"restore: {other}: not a backup (manifest.json is unreadable: ")

        # A damaged backup: the repozo file truncated.
        damaged = sites.BASE / "fs-damaged"
        shutil.rmtree(damaged, ignore_errors=True)
        shutil.copytree(sites.latest(env, "filestorage"), damaged)
        fsz = next((damaged / "repozo").glob("*.fsz"))
        fsz.write_bytes(fsz.read_bytes()[:1000])
        relative = fsz.relative_to(damaged).as_posix()
        code, out, err = sites.cli("restore", damaged, env=env)
        assert (code, out) == (3, "") and err.startswith(f"restore: {damaged}: damaged backup ({relative} is 1000 bytes, the manifest says ")
        # The same, its manifest made to match: repozo's own verification refuses it.
        backup = sites.latest(env, "filestorage")
        whole = (backup / relative).read_bytes()
        cut = sites.forge(backup, damaged, relative, whole[: len(whole) // 2])
        code, out, err = sites.cli("restore", cut, env=env)
        failed = f"restore: {damaged}: the restore failed, {data_fs} is untouched: repozo failed: "
        assert (code, out) == (3, "") and err.startswith(failed)
        assert sites.sha256(data_fs) == checksum
        assert sorted(p.name for p in (var / "blobstorage").rglob("*")) == blobs
        assert not [path for path in (*data_fs.parent.iterdir(), *var.iterdir()) if "restoring" in path.name]

        # Backing up a FileStorage that does not exist.
        nowhere = sites.BASE / "fs-nowhere"
        code, out, err = sites.cli("backup", env=dict(env, GUICHET_VAR=str(nowhere)))
        expected = f"backup: no FileStorage to back up: {nowhere}/filestorage/Data.fs does not exist (GUICHET_VAR={nowhere})\n"
        assert (code, out, err) == (2, "", expected)
        assert not [path for path in sites.BASE.joinpath("fs-backups").iterdir() if path.name.startswith(".partial-")]
    finally:
        instance.start()
