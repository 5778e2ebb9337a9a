// One fixed-rate run of the working-day mix against one or more instances (scripts/bench-api drives it).
// Autocannon sends RATE requests a second in total over CONNECTIONS connections spread across TARGETS and measures
// each request from its sending; the run "holds" only if the rate was reached too, so a service that falls behind
// (and would hide it by slowing the load) fails. Prints one JSON line.
import autocannon from 'autocannon';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const targets = env('TARGETS').split(',');
const rate = Number(env('RATE'));
const seconds = Number(env('SECONDS'));
const connections = Number(process.env.CONNECTIONS ?? 40);
const vacancyIds = env('VACANCY_IDS').split(',');
const seekerIds = env('SEEKER_IDS').split(',');
const run = env('RUN_ID');
const today = env('TODAY');
const staff = { authorization: `Bearer ${env('STAFF_TOKEN')}` };
const employer = { 'x-api-key': env('API_KEY'), 'content-type': 'application/json' };
const pick = (ids) => ids[Math.floor(Math.random() * ids.length)];
const closes = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86400000).toISOString().slice(0, 10);
let posts = 0;

// Of every ten requests: three suggestion lists, three vacancy lists, three seeker reads (each audited), one
// vacancy post with its own Idempotency-Key (each queues a recompute for the workers).
const suggestions = { method: 'GET', headers: staff,
  setupRequest: (r) => ({ ...r, path: `/api/v1/vacancies/${pick(vacancyIds)}/suggestions?pageSize=20` }) };
const vacancies = { method: 'GET', headers: staff, path: '/api/v1/vacancies?pageSize=50' };
const seeker = { method: 'GET', headers: staff, setupRequest: (r) => ({ ...r, path: `/api/v1/seekers/${pick(seekerIds)}` }) };
const post = { method: 'POST', path: '/api/v1/vacancies',
  setupRequest: (r) => {
    posts += 1;
    return { ...r, headers: { ...employer, 'idempotency-key': `${run}-${posts}` }, body: JSON.stringify({
      type: 'job', title: `Juru masak ${run}-${posts}`, occupationCode: '5120', openings: 2,
      contractType: 'fixed_term', workRegionCode: '64.71', minEducation: 'smk', opensOn: today, closesOn: closes,
    }) };
  } };

const result = await autocannon({
  url: targets,
  connections,
  overallRate: rate,
  duration: seconds,
  timeout: 10,
  requests: [suggestions, vacancies, seeker, suggestions, post, vacancies, seeker, suggestions, vacancies, seeker],
});
const achieved = result.requests.total / seconds;
const holds = result.errors === 0 && result.timeouts === 0 && result.non2xx === 0 && result.latency.p99 < 100
  && achieved >= 0.97 * rate;
console.log(JSON.stringify({
  instances: targets.length, rate, achieved: Number(achieved.toFixed(1)), requests: result.requests.total,
  p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max,
  non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, holds,
}));
