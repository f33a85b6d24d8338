import { RESULT_KIND_NAMES } from '../../cases/domain/states.ts';
import { DELIVERY_METHOD_NAMES, type ResultModel } from '../models.ts';

/** The Chinese names every view of a result shows beside its codes. */
export const kindName = (result: ResultModel) => RESULT_KIND_NAMES[result.kind];

export const deliveryMethodName = (result: ResultModel) =>
  result.deliveryMethod === null ? null : DELIVERY_METHOD_NAMES[result.deliveryMethod];
