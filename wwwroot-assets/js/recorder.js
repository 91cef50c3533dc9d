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
  const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
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
