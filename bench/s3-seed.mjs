// Uploads a history folder into a bucket, key for key (`<prefix>/<path relative to the folder>`), PARALLEL requests
// at a time over keep-alive connections, signed with AWS Signature V4 (node's crypto: no SDK to install).
// Used by bench/s3-listing.sh to seed 10,000 jobs fast; the folder is written by our own code (bench/Perstack.Bench).
//   node bench/s3-seed.mjs <folder> <bucket> <prefix>   (endpoint and credentials from the AWS_* environment)
//   node bench/s3-seed.mjs --delete <bucket> <key>      deletes one object (bench/s3-listing.sh: the jobs index)
import { createHash, createHmac } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const deleting = process.argv[2] === '--delete';
const args = process.argv.slice(deleting ? 3 : 2);
const [folder, bucket, prefix] = deleting ? [null, args[0], args[1]] : args; // --delete: "prefix" is the key
const endpoint = new URL(process.env.AWS_ENDPOINT_URL_S3);
const { AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret } = process.env;
const region = process.env.AWS_REGION ?? 'us-east-1';
const parallel = Number(process.env.PARALLEL ?? 32);
const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();
const encode = (segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function put(key, body, method = 'PUT') {
  const uri = `/${bucket}/${key.split('/').map(encode).join('/')}`;
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256(body);
  const headers = { host: endpoint.host, 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate };
  const signed = Object.keys(headers).sort().join(';');
  const canonicalHeaders = Object.keys(headers).sort().map((h) => `${h}:${headers[h]}\n`).join('');
  const canonical = [method, uri, '', canonicalHeaders, signed, payloadHash].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const signingKey = ['aws4_request'].reduce((k, part) => hmac(k, part), hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'));
  const signature = createHmac('sha256', signingKey).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${keyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`;
  headers['content-length'] = body.length;
  headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const request = http.request({ host: endpoint.hostname, port: endpoint.port, method, path: uri, headers, agent }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode < 300 ? resolve() : reject(new Error(`${method} ${key}: HTTP ${response.statusCode}`))));
    });
    request.on('error', reject);
    request.end(body);
  });
}

if (deleting) {
  await put(prefix, Buffer.alloc(0), 'DELETE').catch((e) => { console.error(e.message); process.exit(1); });
  agent.destroy();
  process.exit(0);
}

const files = (await readdir(folder, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile() && !entry.name.endsWith('.bin'))
  .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
let next = 0;
await Promise.all(Array.from({ length: parallel }, async () => {
  while (next < files.length) {
    const file = files[next++];
    await put(`${prefix}/${path.relative(folder, file).split(path.sep).join('/')}`, await readFile(file));
  }
}));
agent.destroy();
console.log(files.length);
