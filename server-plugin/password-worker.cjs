/**
 * A thread that checks collection passwords for PasswordVerifier (password-verifier.ts):
 * one bcrypt compare per message, answered with true or false (false for a malformed hash).
 * Plain CommonJS so that Node loads it as is, whatever compiles or transforms the plugin.
 *
 * On Linux it first lowers its own priority: there `setPriority` without a pid applies to
 * the calling thread only, so under a flood of guesses the kernel runs the event loop and
 * the database before bcrypt. Elsewhere the same call would lower the whole server.
 */
'use strict';
const { constants, setPriority } = require('node:os');
const { parentPort } = require('node:worker_threads');
const bcrypt = require('bcrypt');

if (process.platform === 'linux') setPriority(constants.priority.PRIORITY_LOW);

parentPort.on('message', ({ input, hash }) => {
  let ok = false;
  try {
    ok = bcrypt.compareSync(input, hash);
  } catch {
    ok = false;
  }
  parentPort.postMessage(ok);
});
