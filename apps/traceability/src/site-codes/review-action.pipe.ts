import { Param, PipeTransform } from '@nestjs/common';
import { bilingual, invalidField } from '../common/bilingual';
import { REVIEW_ACTIONS, ReviewAction } from './site-lifecycle';

class ReviewActionPipe implements PipeTransform<string, ReviewAction> {
  transform(value: string): ReviewAction {
    if (!REVIEW_ACTIONS.includes(value as ReviewAction)) {
      throw invalidField(
        'action',
        bilingual(`một trong: ${REVIEW_ACTIONS.join(', ')}`, `one of: ${REVIEW_ACTIONS.join(', ')}`),
      );
    }
    return value as ReviewAction;
  }
}

/** The review step named in the path: issue, reject, suspend, reissue or cancel. */
export const ReviewActionParam = (): ParameterDecorator => Param('action', new ReviewActionPipe());
