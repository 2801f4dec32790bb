// An AudioWorklet processor that passes the microphone's samples (the first channel) to the page as they come,
// so a take is kept as raw PCM (Chromium's MediaRecorder gives only Opus) and sent as WAV.
class TakeRecorder extends AudioWorkletProcessor {
  process(inputs) {
    const input = inputs[0];
    if (input && input[0] && input[0].length) this.port.postMessage(input[0].slice(0));
    return true;
  }
}
registerProcessor("take-recorder", TakeRecorder);
