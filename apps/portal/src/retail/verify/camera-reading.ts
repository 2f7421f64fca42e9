import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';

/** The picture's grey levels, as the decoder reads them (the weights of ITU-R BT.601, in integers). */
function greyOf({ data, width, height }: ImageData): Uint8ClampedArray {
  const grey = new Uint8ClampedArray(width * height);
  for (let i = 0, j = 0; j < grey.length; i += 4, j++) {
    grey[j] = (306 * data[i] + 601 * data[i + 1] + 117 * data[i + 2] + 0x200) >> 10;
  }
  return grey;
}

/**
 * Reads the QR codes and GS1 DataMatrix codes in a playing video, one frame every `everyMs`, until the returned
 * function is called. The page used zxing's own loop before (`BrowserCodeReader.decodeContinuously`), which stops
 * for good at the first error other than "no code in this frame" and sizes its canvas once, from the first frame:
 * on a busy machine the camera's picture showed and nothing was ever read. Here a frame is read only once the video
 * has a picture, at the picture's size of the moment, and a frame the decoder cannot make out is skipped, never
 * the ones after it.
 */
export function startReading(
  video: HTMLVideoElement,
  onText: (text: string) => void,
  everyMs: number,
): () => void {
  const reader = new MultiFormatReader();
  reader.setHints(
    new Map([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX]]]),
  );
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const frame = () => {
    let text: string | undefined;
    try {
      const { videoWidth: width, videoHeight: height } = video;
      if (context && video.readyState >= video.HAVE_CURRENT_DATA && width > 0 && height > 0) {
        if (canvas.width !== width || canvas.height !== height) {
          canvas.width = width;
          canvas.height = height;
        }
        context.drawImage(video, 0, 0, width, height);
        const picture = new RGBLuminanceSource(
          greyOf(context.getImageData(0, 0, width, height)),
          width,
          height,
        );
        text = reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(picture))).getText();
      }
    } catch {
      // No code in this frame, or one the decoder could not make out: the next frame is another chance.
    } finally {
      if (!stopped) timer = setTimeout(frame, everyMs);
    }
    if (text) onText(text);
  };
  frame();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
