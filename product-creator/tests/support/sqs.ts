import path from 'node:path';
import type { ChangeEvent } from '@bbws/core';
import { sampleSqsEvents } from '@bbws/testing';

const samples = sampleSqsEvents(path.resolve(__dirname, '../../events'));

export const { sampleSqsEvent, sqsRecord, sqsEvent } = samples;
export const sampleChangeEvent = <T extends ChangeEvent = ChangeEvent>(file: string): T =>
  samples.sampleChangeEvent<T>(file);
