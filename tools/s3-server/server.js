#!/usr/bin/env node
// The S3-compatible server the tests, the benchmark and .ci/run start on 127.0.0.1: s3rver 3.7.1 (the only
// S3 emulator on the reachable registries that runs on the node the machines have; @20minutes/s3rver needs
// node 24, fauxqs node:sqlite), its data in a folder, plus what real S3 does and s3rver lacks, written here
// because no served package has them:
//
// 1. Conditional writes (AWS S3 since 2024): a PUT with `If-None-Match: *` fails with 412 when the key exists;
//    a PUT with `If-Match: <etag>` fails with 412 when the object's ETag differs and 404 when there is none.
//    The check and the write run under one lock per key, so two racing writers cannot both win.
//    `--no-conditional-writes` turns this off: the server then ignores both headers, as plain s3rver (and some
//    S3-compatible stores) do, which is how the tests see the refusal to write without them.
// 2. Copy sources with encoded slashes (`bucket%2Fkey`), which S3 accepts and s3rver does not.
// 3. Whole-object PUTs: real S3 never lists an object whose upload did not finish. s3rver streams the body
//    straight into the object's file, so a client killed mid-upload would leave a truncated object. Here the
//    body is read whole (and its length checked against Content-Length) before s3rver stores it.
//
// What s3rver does not check (say so in tests and docs): it knows one access key (S3RVER / S3RVER) and refuses
// any other key id, but it does not verify SigV4 signatures, so a wrong secret is accepted. It does not decode
// `aws-chunked` bodies; this server refuses them with 400 instead of storing the chunk framing.
//
// Run it with `node --openssl-legacy-provider`: s3rver encrypts ListObjectsV2 continuation tokens with DES, which
// OpenSSL 3 only has in its legacy provider (without it, the second page of a listing fails with 500).
//
// Usage: node --openssl-legacy-provider server.js [--address 127.0.0.1] [--port 0] [--directory DIR] [--no-conditional-writes]
//        [--bucket NAME]... [--parent-pid PID]
// With --parent-pid it stops once that process is gone (a test host that crashed leaves no server behind).
// Prints one line, `listening http://127.0.0.1:<port>`, once it accepts connections; stops on SIGTERM/SIGINT.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const S3rver = require('s3rver');
const AWSAccount = require('s3rver/lib/models/account');

function parseArguments(argv) {
  const options = {
    address: '127.0.0.1',
    port: 0,
    directory: undefined,
    conditionalWrites: true,
    buckets: [],
    parentPid: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--address': options.address = value(); break;
      case '--port': options.port = Number(value()); break;
      case '--directory': options.directory = value(); break;
      case '--no-conditional-writes': options.conditionalWrites = false; break;
      case '--bucket': options.buckets.push(value()); break;
      case '--parent-pid': options.parentPid = Number(value()); break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error('--port must be 0..65535');
  }
  return options;
}

function errorXml(code, message) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

function fail(ctx, status, code, message) {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = errorXml(code, message);
}

// Path-style object PUT (`/bucket/key`), not a multipart part or a copy (those keep s3rver's own handling).
function objectPut(ctx) {
  if (ctx.method !== 'PUT') return undefined;
  if ('partNumber' in ctx.query || 'uploadId' in ctx.query || 'tagging' in ctx.query || 'acl' in ctx.query) return undefined;
  if (ctx.headers['x-amz-copy-source']) return undefined;
  const match = /^\/([^/]+)\/(.+)$/.exec(ctx.path);
  if (!match) return undefined;
  return { bucket: match[1], key: decodeURIComponent(match[2]) };
}

// The access key id a request is signed with, when s3rver knows it. A request it does not know is left to s3rver,
// which refuses it (403 InvalidAccessKeyId) before any condition is looked at, as S3 does.
function knownAccessKey(ctx) {
  const header = String(ctx.headers.authorization ?? '');
  const match = /Credential=([^/,\s]+)\//.exec(header) ?? /^AWS ([^:]+):/.exec(header);
  const id = match ? match[1] : ctx.query['X-Amz-Credential']?.split('/')[0] ?? ctx.query.AWSAccessKeyId;
  return id !== undefined && AWSAccount.registry.has(id);
}

function readWholeBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    let done = false;
    const finish = (body) => { if (!done) { done = true; resolve(body); } };
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('aborted', () => finish(undefined));
    req.on('error', () => finish(undefined));
    req.on('close', () => { if (!req.complete) finish(undefined); });
  });
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  const directory = options.directory ?? fs.mkdtempSync(path.join(os.tmpdir(), 'perstack-s3-server-'));
  const server = new S3rver({
    address: options.address,
    port: options.port,
    directory,
    silent: !process.env.PERSTACK_S3_SERVER_LOG, // PERSTACK_S3_SERVER_LOG=1: s3rver logs every request to stdout
    configureBuckets: options.buckets.map((name) => ({ name })),
  });

  // Bodies read whole, handed to s3rver's store instead of the request stream.
  const bodies = new WeakMap();
  const putObject = server.store.putObject.bind(server.store);
  server.store.putObject = (object) => {
    if (bodies.has(object.content)) object.content = bodies.get(object.content);
    return putObject(object);
  };

  // One queue per key: the condition is checked and the object written with no other PUT of that key between.
  const queues = new Map();
  async function underKeyLock(id, action) {
    const previous = queues.get(id) ?? Promise.resolve();
    let release;
    const current = new Promise((resolve) => { release = resolve; });
    const tail = previous.then(() => current);
    queues.set(id, tail);
    await previous;
    try {
      return await action();
    } finally {
      release();
      if (queues.get(id) === tail) queues.delete(id);
    }
  }

  async function currentEtag(bucket, key) {
    try {
      return (await server.store.getMetadata(bucket, key)).etag;
    } catch (err) {
      if (err && err.code === 'ENOENT') return undefined;
      throw err;
    }
  }

  // Runs before s3rver's own middleware (logger, XML, routing, authentication).
  server.middleware.unshift(async (ctx, next) => {
    // S3 takes a URL-encoded copy source (the AWS SDK for .NET encodes its slashes as %2F); s3rver splits the
    // source on '/' after decodeURI, which leaves %2F alone. Hand it the source with its slashes as slashes.
    const copySource = ctx.headers['x-amz-copy-source'];
    if (typeof copySource === 'string' && /%2F/i.test(copySource)) {
      ctx.req.headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(copySource));
    }
    const target = objectPut(ctx);
    if (!target) return next();
    const contentEncoding = String(ctx.headers['content-encoding'] ?? '');
    const payloadHash = String(ctx.headers['x-amz-content-sha256'] ?? '');
    if (contentEncoding.includes('aws-chunked') || payloadHash.startsWith('STREAMING-')) {
      return fail(ctx, 400, 'NotImplemented',
        'aws-chunked uploads are not supported by this test server: send whole bodies ' +
        '(request checksums when required only, no chunk encoding)');
    }
    const body = await readWholeBody(ctx.req);
    if (body === undefined) {
      // The client went away mid-upload: like S3, store nothing.
      ctx.respond = false;
      return undefined;
    }
    const declared = ctx.headers['content-length'];
    if (declared !== undefined && Number(declared) !== body.length) {
      return fail(ctx, 400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
    }
    bodies.set(ctx.req, body);
    const ifNoneMatch = ctx.headers['if-none-match'];
    const ifMatch = ctx.headers['if-match'];
    if (!options.conditionalWrites || (ifNoneMatch === undefined && ifMatch === undefined) || !knownAccessKey(ctx)) {
      return next();
    }
    return underKeyLock(`${target.bucket}/${target.key}`, async () => {
      if (!(await server.store.getBucket(target.bucket))) return next(); // s3rver answers NoSuchBucket
      const etag = await currentEtag(target.bucket, target.key);
      if (ifNoneMatch !== undefined && ifNoneMatch.trim() === '*' && etag !== undefined) {
        return fail(ctx, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
      }
      if (ifMatch !== undefined) {
        if (etag === undefined) {
          return fail(ctx, 404, 'NoSuchKey', 'The specified key does not exist.');
        }
        const wanted = ifMatch.split(',').map((s) => s.trim());
        if (!wanted.includes(etag) && !wanted.includes('*')) {
          return fail(ctx, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
        }
      }
      return next();
    });
  });

  server.run().then(({ address, port }) => {
    process.stdout.write(`listening http://${address}:${port}\n`);
  }, (err) => {
    process.stderr.write(`s3 test server: ${err.message}\n`);
    process.exit(1);
  });

  const stop = () => {
    server.close().catch(() => {}).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (options.parentPid !== undefined) {
    setInterval(() => {
      try {
        process.kill(options.parentPid, 0);
      } catch (err) {
        if (err.code === 'ESRCH') stop();
      }
    }, 1000).unref();
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`s3 test server: ${err.message}\n`);
  process.exit(2);
}
