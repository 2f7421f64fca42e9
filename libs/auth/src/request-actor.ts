import { Actor } from './actor';

const ACTOR = Symbol('ocop:actor');

type CarriesActor = { [ACTOR]?: Actor };

/** The guard attaches the verified actor to the request object; handlers read it through @CurrentActor(). */
export function attachActor(request: object, actor: Actor): void {
  (request as CarriesActor)[ACTOR] = actor;
}

export function actorOf(request: object): Actor | undefined {
  return (request as CarriesActor)[ACTOR];
}
