// @open-wc/testing in Node: chai's expect; the DOM helpers are not available here.
import * as chai from 'chai';
export const expect = chai.expect;
export const fixture = () => {
  throw new Error('fixture() needs a browser: run this file with web-test-runner');
};
export const waitUntil = () => {
  throw new Error('waitUntil() needs a browser: run this file with web-test-runner');
};
