import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { SYSTEM_ACTOR, type Actor } from './actor.js';

/** What the access guard leaves on the request. */
export interface RequestWithActor {
  actor?: Actor | null;
}

/**
 * The caller of this request, as the access guard found it: the signed-in user, or SYSTEM_ACTOR
 * on a public route called without a token.
 */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor =>
    context.switchToHttp().getRequest<RequestWithActor>().actor ?? SYSTEM_ACTOR,
);
