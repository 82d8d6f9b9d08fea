/**
 * A preload for child processes under test: `node --require
 * test/helpers/no-network.cjs …`. It traps every way Node opens a network
 * connection or resolves a name, records each attempt (one JSON line per
 * attempt, appended to the file named by BRIEFPACK_NET_LOG) and throws, so a
 * build that tries to reach the network both fails loudly and leaves
 * evidence. `--require` (unlike `--import`) also runs in worker threads,
 * where briefpack renders documents, so the workers are trapped too.
 *
 * BRIEFPACK_RSS_FILE, when set, receives `{ maxRSS, cpuMs }` when the process
 * exits: its peak resident set size in KiB and its CPU time (user + system)
 * in ms, worker threads included.
 */
'use strict';
const fs = require('node:fs');
const { isMainThread, threadId } = require('node:worker_threads');

const log = process.env.BRIEFPACK_NET_LOG;

function record(api, detail) {
  let target = '';
  try {
    target = typeof detail === 'string' ? detail : (JSON.stringify(detail, (_, v) => (typeof v === 'function' ? undefined : v))?.slice(0, 300) ?? '');
  } catch {
    target = String(detail);
  }
  const line = JSON.stringify({ api, target, pid: process.pid, thread: isMainThread ? 0 : threadId });
  if (log) fs.appendFileSync(log, line + '\n');
  const error = new Error(`briefpack test: network access blocked (${api} ${target})`);
  error.code = 'EBLOCKEDBYTEST';
  return error;
}

function trap(object, name, api) {
  const original = object[name];
  if (typeof original !== 'function') return;
  object[name] = function trapped(...args) {
    throw record(api, args[0]);
  };
}

const net = require('node:net');
const tls = require('node:tls');
const dgram = require('node:dgram');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const http2 = require('node:http2');

trap(net.Socket.prototype, 'connect', 'net.Socket.connect');
trap(net, 'connect', 'net.connect');
trap(net, 'createConnection', 'net.createConnection');
trap(tls, 'connect', 'tls.connect');
trap(dgram, 'createSocket', 'dgram.createSocket');
trap(http, 'request', 'http.request');
trap(http, 'get', 'http.get');
trap(https, 'request', 'https.request');
trap(https, 'get', 'https.get');
trap(http2, 'connect', 'http2.connect');
for (const name of [
  'lookup',
  'lookupService',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCname',
  'resolveMx',
  'resolveTxt',
  'resolveSrv',
  'resolveNs',
  'reverse',
]) {
  trap(dns, name, `dns.${name}`);
  trap(dns.promises, name, `dns.promises.${name}`);
}
if (typeof dns.Resolver === 'function') {
  for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) trap(dns.Resolver.prototype, name, `dns.Resolver.${name}`);
}
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = async function trappedFetch(input) {
    throw record('fetch', typeof input === 'string' ? input : String(input?.url ?? input));
  };
}
if (typeof globalThis.WebSocket === 'function') {
  globalThis.WebSocket = function TrappedWebSocket(url) {
    throw record('WebSocket', String(url));
  };
}
if (typeof globalThis.EventSource === 'function') {
  globalThis.EventSource = function TrappedEventSource(url) {
    throw record('EventSource', String(url));
  };
}
// ES modules that import these built-ins by name see the trapped functions too.
require('node:module').syncBuiltinESMExports();

const rssFile = process.env.BRIEFPACK_RSS_FILE;
if (rssFile && isMainThread) {
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage();
      fs.writeFileSync(rssFile, JSON.stringify({ maxRSS: usage.maxRSS, cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000) }));
    } catch {
      /* the measurement is best effort */
    }
  });
}
