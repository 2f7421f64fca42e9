import { Alert } from 'antd';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeFromScan } from './code-from-scan';

/** Why the camera could not start, in the words the page explains it with. */
export type CameraProblem = 'denied' | 'no-camera' | 'busy' | 'failed';

/** The browser's refusal (a DOMException's name, getUserMedia's spec) as what the person can do about it. */
export function cameraProblemOf(error: unknown): CameraProblem {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no-camera';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/** The browser can be asked for a camera at all (not in an insecure page, nor in old browsers). */
export const cameraAvailable = (): boolean => typeof navigator.mediaDevices?.getUserMedia === 'function';

/** How often the decoder looks at a frame: often enough to feel instant, rarely enough for an old phone. */
const SCAN_EVERY_MS = 250;

/**
 * The camera's picture while it is open, read for QR codes and GS1 DataMatrix; each code read goes to `onCode`,
 * which answers whether it was new to the list. The camera starts when this mounts and stops when it unmounts,
 * whether the person closed it or left the page. The decoder loads only now, so the page itself stays small.
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => boolean }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'scanning' | CameraProblem>('starting');
  const [heard, setHeard] = useState('');
  // The decoder reads the same label many times a second: say a code once, not at every frame.
  const lastRead = useRef<string>(undefined);

  const read = useEffectEvent((text: string) => {
    const code = codeFromScan(text);
    if (!code || code === lastRead.current) return;
    lastRead.current = code;
    setHeard(t(onCode(code) ? 'verify.camera.read' : 'verify.camera.again', { code }));
  });

  useEffect(() => {
    let left = false;
    let stream: MediaStream | undefined;
    let stopReading: (() => void) | undefined;
    const stop = () => {
      stopReading?.();
      stream?.getTracks().forEach((track) => track.stop());
    };
    void (async () => {
      // Both at once: the decoder downloads while the person answers the browser's question about the camera.
      const reading = import('./camera-reading');
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        });
        const { startReading } = await reading;
        // Closed while the person was still answering: give the camera straight back.
        if (left || !video.current) return stop();
        video.current.srcObject = stream;
        await video.current.play();
        if (left) return stop();
        stopReading = startReading(video.current, read, SCAN_EVERY_MS);
        setState('scanning');
      } catch (error) {
        stop();
        if (!left) setState(cameraProblemOf(error));
      }
    })();
    return () => {
      left = true;
      stop();
    };
  }, []);

  return (
    <div className="verify-camera">
      {state === 'starting' || state === 'scanning' ? (
        <>
          <p className="muted">{t(state === 'starting' ? 'verify.camera.starting' : 'verify.camera.aim')}</p>
          <video
            ref={video}
            className="verify-camera-video"
            muted
            playsInline
            aria-label={t('verify.camera.picture')}
          />
        </>
      ) : (
        <Alert type="warning" showIcon role="alert" title={t(`verify.camera.problem.${state}`)} />
      )}
      <p role="status" aria-live="polite" className="verify-camera-heard">
        {heard}
      </p>
    </div>
  );
}
