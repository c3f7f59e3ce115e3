// Initiates the MongoDB replica set rs0 (mongo-1..3) once, then waits until it has a primary and a
// majority of healthy members. Idempotent: on an already initiated set it only waits.
// Run by the one-shot `mongo-init` service of docker-compose.yml:
//   mongosh --host mongo-1:27017 --quiet --norc /deploy/mongo/init-replica-set.js
// Exits 0 when the set is usable, non-zero otherwise (the services that need MongoDB then don't start).

const REPLICA_SET = 'rs0';
const MEMBERS = ['mongo-1:27017', 'mongo-2:27017', 'mongo-3:27017'];
const TIMEOUT_MS = 180 * 1000;

function currentStatus() {
  try {
    return rs.status();
  } catch (e) {
    // 94 NotYetInitialized: a fresh set. Anything else (network, auth) is a real failure.
    if (e.code === 94 || e.codeName === 'NotYetInitialized') {
      return null;
    }
    throw e;
  }
}

if (currentStatus() === null) {
  const config = {
    _id: REPLICA_SET,
    members: MEMBERS.map((host, i) => ({ _id: i, host: host, priority: i === 0 ? 2 : 1 })),
  };
  try {
    rs.initiate(config);
    print(`replica set ${REPLICA_SET} initiated with ${MEMBERS.join(', ')}`);
  } catch (e) {
    // 23 AlreadyInitialized: another run won the race; fine.
    if (!(e.code === 23 || e.codeName === 'AlreadyInitialized')) {
      throw e;
    }
    print(`replica set ${REPLICA_SET} was initiated concurrently`);
  }
} else {
  print(`replica set ${REPLICA_SET} already initiated`);
}

const majority = Math.floor(MEMBERS.length / 2) + 1;
const deadline = Date.now() + TIMEOUT_MS;
for (;;) {
  let status = null;
  try {
    status = currentStatus();
  } catch (e) {
    print(`waiting: ${e.message}`);
  }
  if (status !== null) {
    const states = status.members.map((m) => `${m.name}=${m.stateStr}`);
    const primary = status.members.some((m) => m.stateStr === 'PRIMARY');
    const healthy = status.members.filter((m) => m.stateStr === 'PRIMARY' || m.stateStr === 'SECONDARY').length;
    if (primary && healthy >= majority) {
      print(`replica set ${REPLICA_SET} ready: ${states.join(', ')}`);
      quit(0);
    }
    print(`waiting for a primary and ${majority} healthy members: ${states.join(', ')}`);
  }
  if (Date.now() > deadline) {
    print(`replica set ${REPLICA_SET} not ready after ${TIMEOUT_MS / 1000} s`);
    quit(1);
  }
  sleep(2000);
}
