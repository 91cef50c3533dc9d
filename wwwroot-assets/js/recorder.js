// The studio's line recorder (issue 14): the microphone through getUserMedia, recorded with MediaRecorder as
// Opus in WebM or Ogg (whichever the browser makes), timed with decodeAudioData, and handed to the circuit as
// a stream (the server checks the size, sniffs the format and bounds the duration). One recording at a time.

let current = null;

const types = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/ogg'];

/** Starts recording; answers "" or the reason it could not (no microphone, permission refused). */
export async function start(component) {
  stop();
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (error) {
    return error && error.name ? error.name : 'NotAllowedError';
  }
  const type = types.find(t => window.MediaRecorder && MediaRecorder.isTypeSupported(t));
  // Speech needs little: 32 kbit/s Opus (about 240 KB a minute) keeps a whole recorded chapter inside a course
  // package's size limit; the browsers' default (often 128 kbit/s) would be four times larger.
  const recorder = new MediaRecorder(stream, { ...(type ? { mimeType: type } : {}), audioBitsPerSecond: 32000 });
  const chunks = [];
  recorder.ondataavailable = e => { if (e.data && e.data.size > 0) chunks.push(e.data); };
  recorder.onstop = async () => {
    stream.getTracks().forEach(t => t.stop());
    const blob = new Blob(chunks, { type: recorder.mimeType || type || 'audio/webm' });
    const milliseconds = await measure(blob);
    await component.invokeMethodAsync('Recorded', DotNet.createJSStreamReference(blob), milliseconds);
  };
  recorder.start();
  current = recorder;
  return '';
}

/** Stops the recording under way; its clip goes to the component that started it. */
export function stop() {
  if (current && current.state !== 'inactive') {
    current.stop();
  }
  current = null;
}

/** The duration of the file chosen in an input, as the browser decodes it (null when it cannot). */
export async function measureInput(input) {
  const file = input && input.files && input.files[0];
  return file ? await measure(file) : null;
}

async function measure(blob) {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return null;
  const context = new Context();
  try {
    const audio = await context.decodeAudioData(await blob.arrayBuffer());
    return Math.max(1, Math.round(audio.duration * 1000));
  } catch {
    return null;
  } finally {
    context.close();
  }
}

let playing = null;

/** Plays a clip (stopping the one playing). */
export function play(url) {
  if (playing) playing.pause();
  playing = new Audio(url);
  return playing.play().catch(() => {});
}

// Trimming silence (decision 8): the server finds the silence (Course.Core SilenceTrim, the reference) and cuts
// it; the browser only decodes what the server cannot (Opus, MP3, AAC) into a WAV the server reads.
const trimRate = 24000;

/**
 * The clip at url, decoded, mixed to mono and resampled to 24 kHz, as a 16-bit PCM WAV the circuit reads as a
 * stream (Blazor wraps the returned Blob); an empty Blob when the browser cannot decode it.
 */
export async function decodeToWav(url) {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context || !window.OfflineAudioContext) return new Blob([]);
  const context = new Context();
  let audio;
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return new Blob([]);
    audio = await context.decodeAudioData(await response.arrayBuffer());
  } catch {
    return new Blob([]);
  } finally {
    context.close();
  }
  const offline = new OfflineAudioContext(1, Math.max(1, Math.ceil(audio.duration * trimRate)), trimRate);
  const source = offline.createBufferSource();
  source.buffer = audio;
  source.connect(offline.destination); // a one-channel destination averages the channels
  source.start();
  const samples = (await offline.startRendering()).getChannelData(0);
  return new Blob([wav(samples, trimRate)], { type: 'audio/wav' });
}

function wav(samples, rate) {
  const view = new DataView(new ArrayBuffer(44 + samples.length * 2));
  const text = (offset, s) => [...s].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
  text(36, 'data'); view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => view.setInt16(44 + i * 2, Math.max(-32768, Math.min(32767, Math.round(s * 32768))), true));
  return view.buffer;
}

const trimOption = 'course.narration.trimAfterRecording';

/** Whether "Trim silence after each recording" is on in this browser. */
export function trimAfterRecording() {
  try { return localStorage.getItem(trimOption) === 'true'; } catch { return false; }
}

/** Remembers "Trim silence after each recording" in this browser. */
export function rememberTrimAfterRecording(on) {
  try { localStorage.setItem(trimOption, on ? 'true' : 'false'); } catch { /* storage off: the choice lasts the page */ }
}
