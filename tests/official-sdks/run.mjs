// Runs the official Together AI and JigsawStack npm SDKs, unmodified, against a running Pyannote.Sdk emulator and checks
// that they parse its answers. Starts nothing itself: eng/run-official-sdks.sh starts the emulator and sets:
//   EMULATOR_TOGETHER_URL     e.g. http://127.0.0.1:5080/together/
//   EMULATOR_JIGSAWSTACK_URL  e.g. http://127.0.0.1:5080/jigsawstack/
//   EMULATOR_API_KEY          the emulator's key (default emulator-key)
//   SAMPLE_AUDIO              path to samples/audio/conversation.wav (its .transcript.json sidecar is the expected answer)
// Exit code 0 when every check passes, 1 otherwise.
import fs from "node:fs";
import assert from "node:assert/strict";
import Together from "together-ai";
import { JigsawStack } from "jigsawstack";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const togetherUrl = env("EMULATOR_TOGETHER_URL");
const jigsawUrl = env("EMULATOR_JIGSAWSTACK_URL");
const apiKey = process.env.EMULATOR_API_KEY ?? "emulator-key";
const audioPath = env("SAMPLE_AUDIO");
const sidecar = JSON.parse(fs.readFileSync(audioPath + ".transcript.json", "utf8"));
const expectedText = sidecar.segments.map((s) => s.text).join(" ");
const expectedSpeakers = sidecar.segments.map((s) => s.speaker);

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`PASS ${name}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}\n     ${error?.stack ?? JSON.stringify(error)}`);
  }
}

// Together: the SDK's base URL option is `baseURL` (default https://api.together.ai/v1) and it appends
// `/audio/transcriptions`, so the emulator base is <together endpoint> + "v1".
const together = new Together({ apiKey, baseURL: new URL("v1", togetherUrl).toString(), maxRetries: 0 });

await check("together.audio.transcriptions.create (file upload, verbose_json, diarize)", async () => {
  const result = await together.audio.transcriptions.create({
    file: fs.createReadStream(audioPath),
    model: "openai/whisper-large-v3",
    response_format: "verbose_json",
    diarize: true,
    timestamp_granularities: ["segment", "word"],
  });
  assert.equal(result.text, expectedText);
  assert.ok(Math.abs(result.duration - sidecar.duration) < 0.05, `duration ${result.duration} vs ${sidecar.duration}`);
  assert.equal(result.segments.length, sidecar.segments.length);
  assert.deepEqual(result.speaker_segments.map((s) => s.speaker_id), expectedSpeakers);
  assert.equal(result.speaker_segments[1].words[0].speaker_id, "SPEAKER_01");
  const expectedWords = sidecar.segments.flatMap((s) => s.words.map((w) => w.word));
  assert.deepEqual(result.words.map((w) => w.word), expectedWords);
  assert.equal(result.words[0].start, sidecar.segments[0].words[0].start);
});

await check("together: a wrong key surfaces as the SDK's AuthenticationError", async () => {
  const wrong = new Together({ apiKey: "wrong-key", baseURL: new URL("v1", togetherUrl).toString(), maxRetries: 0 });
  await assert.rejects(
    wrong.audio.transcriptions.create({ file: fs.createReadStream(audioPath) }),
    (error) => error instanceof Together.AuthenticationError && error.status === 401 && /Invalid API key/.test(error.message),
  );
});

// JigsawStack: the SDK takes `baseURL` in its config (default https://api.jigsawstack.com) and appends paths that start
// with `/v1/`, so the base must not end with a slash.
const jigsaw = JigsawStack({ apiKey, baseURL: jigsawUrl.replace(/\/$/, "") });
let storedUrl;

await check("jigsawstack.store.upload (multipart file)", async () => {
  const blob = new Blob([fs.readFileSync(audioPath)], { type: "audio/wav" });
  const stored = await jigsaw.store.upload(blob, { key: "official-sdk/conversation.wav", overwrite: true });
  assert.equal(stored.key, "official-sdk/conversation.wav");
  assert.equal(stored.size, fs.statSync(audioPath).size);
  storedUrl = stored.url;
});

await check("jigsawstack.audio.speech_to_text (url mode, by_speaker)", async () => {
  assert.ok(storedUrl, "upload step failed");
  const result = await jigsaw.audio.speech_to_text({ url: storedUrl, by_speaker: true });
  assert.equal(result.success, true);
  assert.equal(result.text.trim(), expectedText);
  assert.ok(result.chunks.length >= sidecar.segments.length);
  assert.equal(result.chunks[0].speaker, "Speaker 1");
  assert.ok(Array.isArray(result.chunks[0].timestamp) && result.chunks[0].timestamp.length === 2);
  const speakerLabels = result.speakers.map((s) => s.speaker);
  assert.deepEqual(speakerLabels, expectedSpeakers.map((s) => `Speaker ${Number(s.slice(-2)) + 1}`));
});

await check("jigsawstack: a missing source is rejected with the success:false body", async () => {
  await assert.rejects(jigsaw.audio.speech_to_text({ language: "en" }), (error) => error.success === false && error.error === "validation_error");
});

console.log(failures === 0 ? "All official-SDK checks passed." : `${failures} official-SDK check(s) failed.`);
process.exit(failures === 0 ? 0 : 1);
