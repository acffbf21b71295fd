/** Every service this repository deploys, in one list read by the stacks and the local runtime. */
import kraliki from './kraliki/service.ts';
import liftlog from './liftlog/service.ts';
import penhas from './penhas/service.ts';
import pytake from './pytake/service.ts';

export const services = [liftlog, penhas, pytake, kraliki];
