// One fixed-rate run of the working-day mix against one or more instances (scripts/bench-api drives it), with
// loadtest's requests-per-second mode: a high-resolution timer sends each request at its due time whether or not
// earlier ones have answered (a new connection when none is free), so a service that falls behind shows in the
// latencies instead of slowing the load down. The rate is split evenly over TARGETS. The run "holds" only if the
// rate was reached too. Prints one JSON line.
import { loadTest } from 'loadtest';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const targets = env('TARGETS').split(',');
const rate = Number(env('RATE'));
const seconds = Number(env('SECONDS'));
const vacancyIds = env('VACANCY_IDS').split(',');
const seekerIds = env('SEEKER_IDS').split(',');
const run = env('RUN_ID');
const today = env('TODAY');
const staff = { authorization: `Bearer ${env('STAFF_TOKEN')}` };
const employer = { 'x-api-key': env('API_KEY'), 'content-type': 'application/json' };
const pick = (ids) => ids[Math.floor(Math.random() * ids.length)];
const closes = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86400000).toISOString().slice(0, 10);

// Reads, three kinds in turn: suggestion lists, vacancy lists, seeker reads (each audited). One request in
// POST_EVERY (50) is a vacancy post with its own Idempotency-Key; each post queues a recompute for the workers, so
// the share is kept near a busy office's: at 200 requests/s that is still 4 vacancies a second, 14,400 an hour.
const postEvery = Number(process.env.POST_EVERY ?? 50);
let sent = 0;
let posts = 0;
const next = () => {
  sent += 1;
  if (sent % postEvery === 0) {
    posts += 1;
    return { method: 'POST', path: '/api/v1/vacancies', headers: { ...employer, 'idempotency-key': `${run}-${posts}` },
      body: JSON.stringify({
        type: 'job', title: `Juru masak ${run}-${posts}`, occupationCode: '5120', openings: 2,
        contractType: 'fixed_term', workRegionCode: '64.71', minEducation: 'smk', opensOn: today, closesOn: closes,
      }) };
  }

  switch (sent % 3) {
    case 0: return { method: 'GET', path: `/api/v1/vacancies/${pick(vacancyIds)}/suggestions?pageSize=20`, headers: staff };
    case 1: return { method: 'GET', path: '/api/v1/vacancies?pageSize=50', headers: staff };
    default: return { method: 'GET', path: `/api/v1/seekers/${pick(seekerIds)}`, headers: staff };
  }
};

const latencies = [];
const statuses = {};
let errors = 0;
const share = (i) => Math.floor(rate / targets.length) + (i < rate % targets.length ? 1 : 0);
await Promise.all(targets.map((url, i) => loadTest({
  url,
  requestsPerSecond: share(i),
  maxSeconds: seconds,
  agentKeepAlive: true,
  timeout: 10000,
  quiet: true,
  requestGenerator: (params, options, client, callback) => {
    const r = next();
    options.method = r.method;
    options.path = r.path;
    options.headers = { ...r.headers };
    if (r.body) options.headers['content-length'] = Buffer.byteLength(r.body);
    const request = client(options, callback);
    if (r.body) request.write(r.body);
    request.end();
    return request;
  },
  statusCallback: (error, result) => {
    if (error || !result) {
      errors += 1;
      return;
    }

    latencies.push(result.requestElapsed);
    statuses[result.statusCode] = (statuses[result.statusCode] ?? 0) + 1;
  },
})));

latencies.sort((a, b) => a - b);
const at = (p) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] : null;
const answered = latencies.length;
const non2xx = Object.entries(statuses).filter(([code]) => code !== '200' && code !== '201').reduce((n, [, c]) => n + c, 0);
const achieved = (answered + errors) / seconds;
const p99 = at(0.99);
const holds = errors === 0 && non2xx === 0 && p99 !== null && p99 < 100 && achieved >= 0.97 * rate;
console.log(JSON.stringify({
  instances: targets.length, rate, achieved: Number(achieved.toFixed(1)), requests: answered + errors,
  p50: at(0.5), p90: at(0.9), p99, max: at(1), non2xx, errors, statuses, holds,
}));
