import { BinaryBitmap, DataMatrixReader, HybridBinarizer, RGBLuminanceSource } from '@zxing/library';
import jsQR from 'jsqr';

/** The picture's grey levels, as ZXing reads them (the weights of ITU-R BT.601, in integers). */
function greyOf({ data, width, height }: ImageData): Uint8ClampedArray {
  const grey = new Uint8ClampedArray(width * height);
  for (let i = 0, j = 0; j < grey.length; i += 4, j++) {
    grey[j] = (306 * data[i] + 601 * data[i + 1] + 117 * data[i + 2] + 0x200) >> 10;
  }
  return grey;
}

/**
 * The code in one frame, if any. A label's QR code is read with jsQR: ZXing's QR detector (0.21, and 0.23 alike)
 * misses a fifth of our labels' codes when the code fills most of the picture, as it does with a phone held near a
 * label, and misses them in every frame, since the picture hardly changes (label-sheet.ts in the browser tests met
 * the same). Measured on 1,200 labels' codes drawn at 30–95% of a 640×480 picture: jsQR read every one; ZXing
 * missed 18–28% at 75–95%. ZXing's DataMatrix reader reads GS1 DataMatrix, which jsQR does not know. Printed labels
 * are dark on light, so jsQR does not try the inverted picture (half the work).
 */
function codeIn(picture: ImageData, dataMatrix: DataMatrixReader): string | undefined {
  const qr = jsQR(picture.data, picture.width, picture.height, { inversionAttempts: 'dontInvert' });
  if (qr?.data) return qr.data;
  const grey = new RGBLuminanceSource(greyOf(picture), picture.width, picture.height);
  return dataMatrix.decode(new BinaryBitmap(new HybridBinarizer(grey))).getText();
}

/**
 * Reads the QR codes and GS1 DataMatrix codes in a playing video, one frame every `everyMs`, until the returned
 * function is called. ZXing's own loop (`BrowserCodeReader.decodeContinuously`), used before, stops for good at the
 * first error other than "no code in this frame" and sizes its canvas once, from the first frame. Here a frame is
 * read only once the video has a picture, at the picture's size of the moment, and a frame that cannot be made out
 * is skipped, never the ones after it.
 */
export function startReading(
  video: HTMLVideoElement,
  onText: (text: string) => void,
  everyMs: number,
): () => void {
  const dataMatrix = new DataMatrixReader();
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
        text = codeIn(context.getImageData(0, 0, width, height), dataMatrix);
      }
    } catch {
      // No code in this frame, or one that could not be made out: the next frame is another chance.
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
