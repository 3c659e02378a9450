// @ts-nocheck
// Generated from schemas/signal-catalog.schema.json by server/src/catalog/generateValidator.ts. Do not edit.
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://celery-signals.dev/schemas/signal-catalog.schema.json","title":"Celery Signals catalog","description":"Describes signals, the keyword arguments their receivers get, and documentation shown on hover. The extension ships one catalog for Celery's own signals; add your own files (setting celerySignals.catalogs, or --catalog for the CLI) to teach it about signals your project defines.","type":"object","required":["catalogVersion","signals"],"additionalProperties":false,"properties":{"$schema":{"type":"string","description":"Path or URL of this JSON Schema, for editors."},"catalogVersion":{"const":1,"description":"Version of the catalog file format. Only 1 exists."},"latestCeleryVersion":{"$ref":"#/definitions/version","description":"Newest Celery release the catalog describes. Only meaningful in the bundled catalog; used as the default Celery version."},"commonParams":{"type":"array","description":"Keyword arguments every receiver gets whatever the signal (sender and signal in Celery).","items":{"$ref":"#/definitions/param"}},"signals":{"type":"array","description":"The signals this catalog describes. A signal with the same name as one in an earlier catalog replaces it.","items":{"$ref":"#/definitions/signal"}},"modules":{"type":"array","description":"Modules whose other names (functions, classes, constants, imports) are known, so a name the module lacks can be reported as an import failure. A module not described here is never judged: only the signals it is known to export are recognised.","items":{"$ref":"#/definitions/module"}}},"definitions":{"version":{"type":"string","pattern":"^\\d+(\\.\\d+){0,2}$","description":"A release number such as 5, 5.3 or 5.3.1."},"identifier":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"},"localizedText":{"type":["string","object"],"minLength":1,"required":["en"],"additionalProperties":false,"properties":{"en":{"type":"string","minLength":1,"description":"English text."},"zh-cn":{"type":"string","minLength":1,"description":"Simplified Chinese text. Optional in your own catalogs: English is shown when it is missing."}},"description":"Documentation text: either a plain string (English) or an object with en and optionally zh-cn."},"signal":{"type":"object","required":["name","access","params"],"additionalProperties":false,"properties":{"name":{"type":"string","pattern":"^([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*$","description":"The name code imports (order_placed), or app.<attribute> for a signal reached through a Celery app instance (app.on_after_configure)."},"access":{"type":"object","required":["kind"],"description":"How code reaches the signal: imported from one of some modules, or read as an attribute of a Celery app.","properties":{"kind":{"enum":["module","app-attribute"],"description":"module: `from <module> import <name>`; app-attribute: `app.<attribute>.connect`."}},"if":{"properties":{"kind":{"const":"app-attribute"}}},"then":{"required":["kind","attribute"],"additionalProperties":false,"properties":{"kind":true,"attribute":{"$ref":"#/definitions/identifier","description":"The attribute of the app object, e.g. on_after_configure."}}},"else":{"required":["kind","modules"],"additionalProperties":false,"properties":{"kind":true,"modules":{"type":"array","minItems":1,"uniqueItems":true,"description":"Dotted Python modules that export the signal, e.g. [\"shop.signals\"].","items":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"}}}}},"category":{"enum":["task","app","worker","beat","eventlet","logging","command","testing","deprecated","custom"],"description":"Grouping used in completion and documentation. Defaults to custom."},"summary":{"$ref":"#/definitions/localizedText","description":"One line: when the signal is sent."},"description":{"$ref":"#/definitions/localizedText","description":"A few sentences for hover."},"sender":{"type":"object","required":["kind"],"additionalProperties":false,"description":"What the sender argument holds at run time; it decides whether connect(sender=...) filters can match.","properties":{"kind":{"enum":["task","task-name","hostname","consumer","app","worker","pool","heart","beat","function","none","custom"],"description":"task: the task object; task-name / hostname: a string (the only kinds a string filter matches); none: always None (no filter matches); custom: anything else."},"type":{"type":"string","minLength":1,"description":"The Python type, e.g. celery.app.task.Task."},"description":{"$ref":"#/definitions/localizedText"}}},"params":{"type":"array","description":"Every keyword argument the signal sends besides sender and signal.","items":{"$ref":"#/definitions/param"}},"since":{"$ref":"#/definitions/version","description":"First release that has the signal."},"deprecated":{"type":"object","required":["since"],"additionalProperties":false,"description":"Set when the signal should no longer be used.","properties":{"since":{"$ref":"#/definitions/version"},"replacement":{"type":"string","minLength":1,"description":"Name of the signal to use instead."}}},"removed":{"$ref":"#/definitions/version","description":"First release without the signal."},"process":{"$ref":"#/definitions/localizedText","description":"Which process runs the receivers."},"docsUrl":{"type":"string","pattern":"^https?://","description":"Link to the signal's documentation."},"pitfalls":{"type":"array","description":"Short warnings, one line each, shown on hover.","items":{"$ref":"#/definitions/localizedText"}},"inStarImport":{"type":"boolean","description":"Whether `from <module> import *` brings the signal in. Defaults to true."},"definedAt":{"type":"object","required":["path","span"],"additionalProperties":false,"description":"For a signal a project creates itself (category custom): the file and the span of its Signal(...) call.","properties":{"path":{"type":"string","minLength":1},"span":{"type":"object","required":["start","end"],"additionalProperties":false,"properties":{"start":{"type":"integer","minimum":0},"end":{"type":"integer","minimum":0}}}}}}},"module":{"type":"object","required":["name","otherNames"],"additionalProperties":false,"description":"The names a signal module binds besides its signals.","properties":{"name":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$","description":"The dotted module, e.g. celery.contrib.testing.worker."},"otherNames":{"type":"array","uniqueItems":true,"description":"Every name other than a signal that the module binds at top level (imports included) in some release from namesCompleteSince on. Importing any of them works.","items":{"$ref":"#/definitions/identifier"}},"namesCompleteSince":{"$ref":"#/definitions/version","description":"First release from which the signals and otherNames are all the module binds. For an older Celery version no unknown name is reported. Leave it out when the list holds for every release."}}},"param":{"type":"object","required":["name"],"additionalProperties":false,"description":"One keyword argument sent to receivers.","properties":{"name":{"$ref":"#/definitions/identifier","description":"The keyword name."},"type":{"type":"string","minLength":1,"description":"The Python type, as documentation. Defaults to Any."},"tsType":{"type":"string","minLength":1,"description":"A TypeScript type for generated declarations. Defaults to unknown."},"mayBeNone":{"type":"boolean","description":"True when the value can be None. Defaults to false."},"sometimesAbsent":{"type":"boolean","description":"True when some send sites leave the keyword out, so handlers must give it a default. Defaults to false."},"since":{"$ref":"#/definitions/version","description":"First release that sends it, when later than the signal."},"description":{"$ref":"#/definitions/localizedText"}}}}};
const schema12 = {"type":"string","pattern":"^\\d+(\\.\\d+){0,2}$","description":"A release number such as 5, 5.3 or 5.3.1."};
const pattern0 = new RegExp("^\\d+(\\.\\d+){0,2}$", "u");
const schema13 = {"type":"object","required":["name"],"additionalProperties":false,"description":"One keyword argument sent to receivers.","properties":{"name":{"$ref":"#/definitions/identifier","description":"The keyword name."},"type":{"type":"string","minLength":1,"description":"The Python type, as documentation. Defaults to Any."},"tsType":{"type":"string","minLength":1,"description":"A TypeScript type for generated declarations. Defaults to unknown."},"mayBeNone":{"type":"boolean","description":"True when the value can be None. Defaults to false."},"sometimesAbsent":{"type":"boolean","description":"True when some send sites leave the keyword out, so handlers must give it a default. Defaults to false."},"since":{"$ref":"#/definitions/version","description":"First release that sends it, when later than the signal."},"description":{"$ref":"#/definitions/localizedText"}}};
const schema14 = {"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"};
const schema16 = {"type":["string","object"],"minLength":1,"required":["en"],"additionalProperties":false,"properties":{"en":{"type":"string","minLength":1,"description":"English text."},"zh-cn":{"type":"string","minLength":1,"description":"Simplified Chinese text. Optional in your own catalogs: English is shown when it is missing."}},"description":"Documentation text: either a plain string (English) or an object with en and optionally zh-cn."};
const pattern1 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const func2 = require("ajv/dist/runtime/ucs2length").default;

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema13.required,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "name") || (key0 === "type")) || (key0 === "tsType")) || (key0 === "mayBeNone")) || (key0 === "sometimesAbsent")) || (key0 === "since")) || (key0 === "description"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern1.test(data0)){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.type !== undefined){
let data1 = data.type;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err4 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13.properties.type,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.type.type,parentSchema:schema13.properties.type,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.tsType !== undefined){
let data2 = data.tsType;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err6 = {instancePath:instancePath+"/tsType",schemaPath:"#/properties/tsType/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13.properties.tsType,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/tsType",schemaPath:"#/properties/tsType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.tsType.type,parentSchema:schema13.properties.tsType,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.mayBeNone !== undefined){
let data3 = data.mayBeNone;
if(typeof data3 !== "boolean"){
const err8 = {instancePath:instancePath+"/mayBeNone",schemaPath:"#/properties/mayBeNone/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.properties.mayBeNone.type,parentSchema:schema13.properties.mayBeNone,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.sometimesAbsent !== undefined){
let data4 = data.sometimesAbsent;
if(typeof data4 !== "boolean"){
const err9 = {instancePath:instancePath+"/sometimesAbsent",schemaPath:"#/properties/sometimesAbsent/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.properties.sometimesAbsent.type,parentSchema:schema13.properties.sometimesAbsent,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.since !== undefined){
let data5 = data.since;
if(typeof data5 === "string"){
if(!pattern0.test(data5)){
const err10 = {instancePath:instancePath+"/since",schemaPath:"#/definitions/version/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+){0,2}$"},message:"must match pattern \""+"^\\d+(\\.\\d+){0,2}$"+"\"",schema:"^\\d+(\\.\\d+){0,2}$",parentSchema:schema12,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/since",schemaPath:"#/definitions/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.description !== undefined){
let data6 = data.description;
if((typeof data6 !== "string") && (!(data6 && typeof data6 == "object" && !Array.isArray(data6)))){
const err12 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/localizedText/type",keyword:"type",params:{type: schema16.type},message:"must be string,object",schema:schema16.type,parentSchema:schema16,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err13 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/localizedText/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.en === undefined){
const err14 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/localizedText/required",keyword:"required",params:{missingProperty: "en"},message:"must have required property '"+"en"+"'",schema:schema16.required,parentSchema:schema16,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(const key1 in data6){
if(!((key1 === "en") || (key1 === "zh-cn"))){
const err15 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/localizedText/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data6.en !== undefined){
let data7 = data6.en;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err16 = {instancePath:instancePath+"/description/en",schemaPath:"#/definitions/localizedText/properties/en/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties.en,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/description/en",schemaPath:"#/definitions/localizedText/properties/en/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.en.type,parentSchema:schema16.properties.en,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data6["zh-cn"] !== undefined){
let data8 = data6["zh-cn"];
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err18 = {instancePath:instancePath+"/description/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties["zh-cn"],data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/description/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties["zh-cn"].type,parentSchema:schema16.properties["zh-cn"],data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema13.type,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema17 = {"type":"object","required":["name","access","params"],"additionalProperties":false,"properties":{"name":{"type":"string","pattern":"^([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*$","description":"The name code imports (order_placed), or app.<attribute> for a signal reached through a Celery app instance (app.on_after_configure)."},"access":{"type":"object","required":["kind"],"description":"How code reaches the signal: imported from one of some modules, or read as an attribute of a Celery app.","properties":{"kind":{"enum":["module","app-attribute"],"description":"module: `from <module> import <name>`; app-attribute: `app.<attribute>.connect`."}},"if":{"properties":{"kind":{"const":"app-attribute"}}},"then":{"required":["kind","attribute"],"additionalProperties":false,"properties":{"kind":true,"attribute":{"$ref":"#/definitions/identifier","description":"The attribute of the app object, e.g. on_after_configure."}}},"else":{"required":["kind","modules"],"additionalProperties":false,"properties":{"kind":true,"modules":{"type":"array","minItems":1,"uniqueItems":true,"description":"Dotted Python modules that export the signal, e.g. [\"shop.signals\"].","items":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"}}}}},"category":{"enum":["task","app","worker","beat","eventlet","logging","command","testing","deprecated","custom"],"description":"Grouping used in completion and documentation. Defaults to custom."},"summary":{"$ref":"#/definitions/localizedText","description":"One line: when the signal is sent."},"description":{"$ref":"#/definitions/localizedText","description":"A few sentences for hover."},"sender":{"type":"object","required":["kind"],"additionalProperties":false,"description":"What the sender argument holds at run time; it decides whether connect(sender=...) filters can match.","properties":{"kind":{"enum":["task","task-name","hostname","consumer","app","worker","pool","heart","beat","function","none","custom"],"description":"task: the task object; task-name / hostname: a string (the only kinds a string filter matches); none: always None (no filter matches); custom: anything else."},"type":{"type":"string","minLength":1,"description":"The Python type, e.g. celery.app.task.Task."},"description":{"$ref":"#/definitions/localizedText"}}},"params":{"type":"array","description":"Every keyword argument the signal sends besides sender and signal.","items":{"$ref":"#/definitions/param"}},"since":{"$ref":"#/definitions/version","description":"First release that has the signal."},"deprecated":{"type":"object","required":["since"],"additionalProperties":false,"description":"Set when the signal should no longer be used.","properties":{"since":{"$ref":"#/definitions/version"},"replacement":{"type":"string","minLength":1,"description":"Name of the signal to use instead."}}},"removed":{"$ref":"#/definitions/version","description":"First release without the signal."},"process":{"$ref":"#/definitions/localizedText","description":"Which process runs the receivers."},"docsUrl":{"type":"string","pattern":"^https?://","description":"Link to the signal's documentation."},"pitfalls":{"type":"array","description":"Short warnings, one line each, shown on hover.","items":{"$ref":"#/definitions/localizedText"}},"inStarImport":{"type":"boolean","description":"Whether `from <module> import *` brings the signal in. Defaults to true."},"definedAt":{"type":"object","required":["path","span"],"additionalProperties":false,"description":"For a signal a project creates itself (category custom): the file and the span of its Signal(...) call.","properties":{"path":{"type":"string","minLength":1},"span":{"type":"object","required":["start","end"],"additionalProperties":false,"properties":{"start":{"type":"integer","minimum":0},"end":{"type":"integer","minimum":0}}}}}}};
const func7 = Object.prototype.hasOwnProperty;
const pattern3 = new RegExp("^([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern5 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", "u");
const pattern9 = new RegExp("^https?://", "u");

function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema17.required,parentSchema:schema17,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.access === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "access"},message:"must have required property '"+"access"+"'",schema:schema17.required,parentSchema:schema17,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.params === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "params"},message:"must have required property '"+"params"+"'",schema:schema17.required,parentSchema:schema17,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func7.call(schema17.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema17,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern3.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema17.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.name.type,parentSchema:schema17.properties.name,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.access !== undefined){
let data1 = data.access;
const _errs6 = errors;
let valid1 = true;
const _errs7 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.kind !== undefined){
if("app-attribute" !== data1.kind){
const err6 = {};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
var _valid0 = _errs7 === errors;
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs9 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.kind === undefined){
const err7 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/then/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema17.properties.access.then.required,parentSchema:schema17.properties.access.then,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data1.attribute === undefined){
const err8 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/then/required",keyword:"required",params:{missingProperty: "attribute"},message:"must have required property '"+"attribute"+"'",schema:schema17.properties.access.then.required,parentSchema:schema17.properties.access.then,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "kind") || (key1 === "attribute"))){
const err9 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/then/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema17.properties.access.then,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.attribute !== undefined){
let data3 = data1.attribute;
if(typeof data3 === "string"){
if(!pattern1.test(data3)){
const err10 = {instancePath:instancePath+"/access/attribute",schemaPath:"#/definitions/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema14,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/access/attribute",schemaPath:"#/definitions/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
var _valid0 = _errs9 === errors;
valid1 = _valid0;
ifClause0 = "then";
}
else {
const _errs14 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.kind === undefined){
const err12 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/else/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema17.properties.access.else.required,parentSchema:schema17.properties.access.else,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data1.modules === undefined){
const err13 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/else/required",keyword:"required",params:{missingProperty: "modules"},message:"must have required property '"+"modules"+"'",schema:schema17.properties.access.else.required,parentSchema:schema17.properties.access.else,data:data1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
for(const key2 in data1){
if(!((key2 === "kind") || (key2 === "modules"))){
const err14 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/else/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema17.properties.access.else,data:data1};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data1.modules !== undefined){
let data4 = data1.modules;
if(Array.isArray(data4)){
if(data4.length < 1){
const err15 = {instancePath:instancePath+"/access/modules",schemaPath:"#/properties/access/else/properties/modules/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema17.properties.access.else.properties.modules,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 === "string"){
if(!pattern5.test(data5)){
const err16 = {instancePath:instancePath+"/access/modules/" + i0,schemaPath:"#/properties/access/else/properties/modules/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$",parentSchema:schema17.properties.access.else.properties.modules.items,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/access/modules/" + i0,schemaPath:"#/properties/access/else/properties/modules/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.access.else.properties.modules.items.type,parentSchema:schema17.properties.access.else.properties.modules.items,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let i1 = data4.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data4[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err18 = {instancePath:instancePath+"/access/modules",schemaPath:"#/properties/access/else/properties/modules/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema17.properties.access.else.properties.modules,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err19 = {instancePath:instancePath+"/access/modules",schemaPath:"#/properties/access/else/properties/modules/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.access.else.properties.modules.type,parentSchema:schema17.properties.access.else.properties.modules,data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
var _valid0 = _errs14 === errors;
valid1 = _valid0;
ifClause0 = "else";
}
if(!valid1){
const err20 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema",schema:schema17.properties.access.if,parentSchema:schema17.properties.access,data:data1};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.kind === undefined){
const err21 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema17.properties.access.required,parentSchema:schema17.properties.access,data:data1};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data1.kind !== undefined){
let data6 = data1.kind;
if(!((data6 === "module") || (data6 === "app-attribute"))){
const err22 = {instancePath:instancePath+"/access/kind",schemaPath:"#/properties/access/properties/kind/enum",keyword:"enum",params:{allowedValues: schema17.properties.access.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema17.properties.access.properties.kind.enum,parentSchema:schema17.properties.access.properties.kind,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.access.type,parentSchema:schema17.properties.access,data:data1};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.category !== undefined){
let data7 = data.category;
if(!((((((((((data7 === "task") || (data7 === "app")) || (data7 === "worker")) || (data7 === "beat")) || (data7 === "eventlet")) || (data7 === "logging")) || (data7 === "command")) || (data7 === "testing")) || (data7 === "deprecated")) || (data7 === "custom"))){
const err24 = {instancePath:instancePath+"/category",schemaPath:"#/properties/category/enum",keyword:"enum",params:{allowedValues: schema17.properties.category.enum},message:"must be equal to one of the allowed values",schema:schema17.properties.category.enum,parentSchema:schema17.properties.category,data:data7};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.summary !== undefined){
let data8 = data.summary;
if((typeof data8 !== "string") && (!(data8 && typeof data8 == "object" && !Array.isArray(data8)))){
const err25 = {instancePath:instancePath+"/summary",schemaPath:"#/definitions/localizedText/type",keyword:"type",params:{type: schema16.type},message:"must be string,object",schema:schema16.type,parentSchema:schema16,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err26 = {instancePath:instancePath+"/summary",schemaPath:"#/definitions/localizedText/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16,data:data8};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.en === undefined){
const err27 = {instancePath:instancePath+"/summary",schemaPath:"#/definitions/localizedText/required",keyword:"required",params:{missingProperty: "en"},message:"must have required property '"+"en"+"'",schema:schema16.required,parentSchema:schema16,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key3 in data8){
if(!((key3 === "en") || (key3 === "zh-cn"))){
const err28 = {instancePath:instancePath+"/summary",schemaPath:"#/definitions/localizedText/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data:data8};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data8.en !== undefined){
let data9 = data8.en;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err29 = {instancePath:instancePath+"/summary/en",schemaPath:"#/definitions/localizedText/properties/en/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties.en,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/summary/en",schemaPath:"#/definitions/localizedText/properties/en/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.en.type,parentSchema:schema16.properties.en,data:data9};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data8["zh-cn"] !== undefined){
let data10 = data8["zh-cn"];
if(typeof data10 === "string"){
if(func2(data10) < 1){
const err31 = {instancePath:instancePath+"/summary/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties["zh-cn"],data:data10};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/summary/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties["zh-cn"].type,parentSchema:schema16.properties["zh-cn"],data:data10};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
}
if(data.description !== undefined){
let data11 = data.description;
if((typeof data11 !== "string") && (!(data11 && typeof data11 == "object" && !Array.isArray(data11)))){
const err33 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/localizedText/type",keyword:"type",params:{type: schema16.type},message:"must be string,object",schema:schema16.type,parentSchema:schema16,data:data11};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(typeof data11 === "string"){
if(func2(data11) < 1){
const err34 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/localizedText/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16,data:data11};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.en === undefined){
const err35 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/localizedText/required",keyword:"required",params:{missingProperty: "en"},message:"must have required property '"+"en"+"'",schema:schema16.required,parentSchema:schema16,data:data11};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
for(const key4 in data11){
if(!((key4 === "en") || (key4 === "zh-cn"))){
const err36 = {instancePath:instancePath+"/description",schemaPath:"#/definitions/localizedText/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data:data11};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data11.en !== undefined){
let data12 = data11.en;
if(typeof data12 === "string"){
if(func2(data12) < 1){
const err37 = {instancePath:instancePath+"/description/en",schemaPath:"#/definitions/localizedText/properties/en/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties.en,data:data12};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/description/en",schemaPath:"#/definitions/localizedText/properties/en/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.en.type,parentSchema:schema16.properties.en,data:data12};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data11["zh-cn"] !== undefined){
let data13 = data11["zh-cn"];
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err39 = {instancePath:instancePath+"/description/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties["zh-cn"],data:data13};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/description/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties["zh-cn"].type,parentSchema:schema16.properties["zh-cn"],data:data13};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
}
if(data.sender !== undefined){
let data14 = data.sender;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.kind === undefined){
const err41 = {instancePath:instancePath+"/sender",schemaPath:"#/properties/sender/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema17.properties.sender.required,parentSchema:schema17.properties.sender,data:data14};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
for(const key5 in data14){
if(!(((key5 === "kind") || (key5 === "type")) || (key5 === "description"))){
const err42 = {instancePath:instancePath+"/sender",schemaPath:"#/properties/sender/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema17.properties.sender,data:data14};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data14.kind !== undefined){
let data15 = data14.kind;
if(!((((((((((((data15 === "task") || (data15 === "task-name")) || (data15 === "hostname")) || (data15 === "consumer")) || (data15 === "app")) || (data15 === "worker")) || (data15 === "pool")) || (data15 === "heart")) || (data15 === "beat")) || (data15 === "function")) || (data15 === "none")) || (data15 === "custom"))){
const err43 = {instancePath:instancePath+"/sender/kind",schemaPath:"#/properties/sender/properties/kind/enum",keyword:"enum",params:{allowedValues: schema17.properties.sender.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema17.properties.sender.properties.kind.enum,parentSchema:schema17.properties.sender.properties.kind,data:data15};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data14.type !== undefined){
let data16 = data14.type;
if(typeof data16 === "string"){
if(func2(data16) < 1){
const err44 = {instancePath:instancePath+"/sender/type",schemaPath:"#/properties/sender/properties/type/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.sender.properties.type,data:data16};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/sender/type",schemaPath:"#/properties/sender/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.sender.properties.type.type,parentSchema:schema17.properties.sender.properties.type,data:data16};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data14.description !== undefined){
let data17 = data14.description;
if((typeof data17 !== "string") && (!(data17 && typeof data17 == "object" && !Array.isArray(data17)))){
const err46 = {instancePath:instancePath+"/sender/description",schemaPath:"#/definitions/localizedText/type",keyword:"type",params:{type: schema16.type},message:"must be string,object",schema:schema16.type,parentSchema:schema16,data:data17};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(typeof data17 === "string"){
if(func2(data17) < 1){
const err47 = {instancePath:instancePath+"/sender/description",schemaPath:"#/definitions/localizedText/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16,data:data17};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.en === undefined){
const err48 = {instancePath:instancePath+"/sender/description",schemaPath:"#/definitions/localizedText/required",keyword:"required",params:{missingProperty: "en"},message:"must have required property '"+"en"+"'",schema:schema16.required,parentSchema:schema16,data:data17};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
for(const key6 in data17){
if(!((key6 === "en") || (key6 === "zh-cn"))){
const err49 = {instancePath:instancePath+"/sender/description",schemaPath:"#/definitions/localizedText/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data:data17};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data17.en !== undefined){
let data18 = data17.en;
if(typeof data18 === "string"){
if(func2(data18) < 1){
const err50 = {instancePath:instancePath+"/sender/description/en",schemaPath:"#/definitions/localizedText/properties/en/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties.en,data:data18};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/sender/description/en",schemaPath:"#/definitions/localizedText/properties/en/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.en.type,parentSchema:schema16.properties.en,data:data18};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data17["zh-cn"] !== undefined){
let data19 = data17["zh-cn"];
if(typeof data19 === "string"){
if(func2(data19) < 1){
const err52 = {instancePath:instancePath+"/sender/description/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties["zh-cn"],data:data19};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
else {
const err53 = {instancePath:instancePath+"/sender/description/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties["zh-cn"].type,parentSchema:schema16.properties["zh-cn"],data:data19};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
}
}
else {
const err54 = {instancePath:instancePath+"/sender",schemaPath:"#/properties/sender/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.sender.type,parentSchema:schema17.properties.sender,data:data14};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data.params !== undefined){
let data20 = data.params;
if(Array.isArray(data20)){
const len1 = data20.length;
for(let i2=0; i2<len1; i2++){
if(!(validate11(data20[i2], {instancePath:instancePath+"/params/" + i2,parentData:data20,parentDataProperty:i2,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
else {
const err55 = {instancePath:instancePath+"/params",schemaPath:"#/properties/params/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.params.type,parentSchema:schema17.properties.params,data:data20};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.since !== undefined){
let data22 = data.since;
if(typeof data22 === "string"){
if(!pattern0.test(data22)){
const err56 = {instancePath:instancePath+"/since",schemaPath:"#/definitions/version/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+){0,2}$"},message:"must match pattern \""+"^\\d+(\\.\\d+){0,2}$"+"\"",schema:"^\\d+(\\.\\d+){0,2}$",parentSchema:schema12,data:data22};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
else {
const err57 = {instancePath:instancePath+"/since",schemaPath:"#/definitions/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data22};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data.deprecated !== undefined){
let data23 = data.deprecated;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
if(data23.since === undefined){
const err58 = {instancePath:instancePath+"/deprecated",schemaPath:"#/properties/deprecated/required",keyword:"required",params:{missingProperty: "since"},message:"must have required property '"+"since"+"'",schema:schema17.properties.deprecated.required,parentSchema:schema17.properties.deprecated,data:data23};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
for(const key7 in data23){
if(!((key7 === "since") || (key7 === "replacement"))){
const err59 = {instancePath:instancePath+"/deprecated",schemaPath:"#/properties/deprecated/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema17.properties.deprecated,data:data23};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data23.since !== undefined){
let data24 = data23.since;
if(typeof data24 === "string"){
if(!pattern0.test(data24)){
const err60 = {instancePath:instancePath+"/deprecated/since",schemaPath:"#/definitions/version/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+){0,2}$"},message:"must match pattern \""+"^\\d+(\\.\\d+){0,2}$"+"\"",schema:"^\\d+(\\.\\d+){0,2}$",parentSchema:schema12,data:data24};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
else {
const err61 = {instancePath:instancePath+"/deprecated/since",schemaPath:"#/definitions/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data24};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data23.replacement !== undefined){
let data25 = data23.replacement;
if(typeof data25 === "string"){
if(func2(data25) < 1){
const err62 = {instancePath:instancePath+"/deprecated/replacement",schemaPath:"#/properties/deprecated/properties/replacement/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.deprecated.properties.replacement,data:data25};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
else {
const err63 = {instancePath:instancePath+"/deprecated/replacement",schemaPath:"#/properties/deprecated/properties/replacement/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.deprecated.properties.replacement.type,parentSchema:schema17.properties.deprecated.properties.replacement,data:data25};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/deprecated",schemaPath:"#/properties/deprecated/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.deprecated.type,parentSchema:schema17.properties.deprecated,data:data23};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data.removed !== undefined){
let data26 = data.removed;
if(typeof data26 === "string"){
if(!pattern0.test(data26)){
const err65 = {instancePath:instancePath+"/removed",schemaPath:"#/definitions/version/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+){0,2}$"},message:"must match pattern \""+"^\\d+(\\.\\d+){0,2}$"+"\"",schema:"^\\d+(\\.\\d+){0,2}$",parentSchema:schema12,data:data26};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/removed",schemaPath:"#/definitions/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data26};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data.process !== undefined){
let data27 = data.process;
if((typeof data27 !== "string") && (!(data27 && typeof data27 == "object" && !Array.isArray(data27)))){
const err67 = {instancePath:instancePath+"/process",schemaPath:"#/definitions/localizedText/type",keyword:"type",params:{type: schema16.type},message:"must be string,object",schema:schema16.type,parentSchema:schema16,data:data27};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
if(typeof data27 === "string"){
if(func2(data27) < 1){
const err68 = {instancePath:instancePath+"/process",schemaPath:"#/definitions/localizedText/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16,data:data27};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
if(data27.en === undefined){
const err69 = {instancePath:instancePath+"/process",schemaPath:"#/definitions/localizedText/required",keyword:"required",params:{missingProperty: "en"},message:"must have required property '"+"en"+"'",schema:schema16.required,parentSchema:schema16,data:data27};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
for(const key8 in data27){
if(!((key8 === "en") || (key8 === "zh-cn"))){
const err70 = {instancePath:instancePath+"/process",schemaPath:"#/definitions/localizedText/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data:data27};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data27.en !== undefined){
let data28 = data27.en;
if(typeof data28 === "string"){
if(func2(data28) < 1){
const err71 = {instancePath:instancePath+"/process/en",schemaPath:"#/definitions/localizedText/properties/en/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties.en,data:data28};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
else {
const err72 = {instancePath:instancePath+"/process/en",schemaPath:"#/definitions/localizedText/properties/en/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.en.type,parentSchema:schema16.properties.en,data:data28};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
if(data27["zh-cn"] !== undefined){
let data29 = data27["zh-cn"];
if(typeof data29 === "string"){
if(func2(data29) < 1){
const err73 = {instancePath:instancePath+"/process/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties["zh-cn"],data:data29};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
else {
const err74 = {instancePath:instancePath+"/process/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties["zh-cn"].type,parentSchema:schema16.properties["zh-cn"],data:data29};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
}
if(data.docsUrl !== undefined){
let data30 = data.docsUrl;
if(typeof data30 === "string"){
if(!pattern9.test(data30)){
const err75 = {instancePath:instancePath+"/docsUrl",schemaPath:"#/properties/docsUrl/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\"",schema:"^https?://",parentSchema:schema17.properties.docsUrl,data:data30};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
else {
const err76 = {instancePath:instancePath+"/docsUrl",schemaPath:"#/properties/docsUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.docsUrl.type,parentSchema:schema17.properties.docsUrl,data:data30};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data.pitfalls !== undefined){
let data31 = data.pitfalls;
if(Array.isArray(data31)){
const len2 = data31.length;
for(let i3=0; i3<len2; i3++){
let data32 = data31[i3];
if((typeof data32 !== "string") && (!(data32 && typeof data32 == "object" && !Array.isArray(data32)))){
const err77 = {instancePath:instancePath+"/pitfalls/" + i3,schemaPath:"#/definitions/localizedText/type",keyword:"type",params:{type: schema16.type},message:"must be string,object",schema:schema16.type,parentSchema:schema16,data:data32};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
if(typeof data32 === "string"){
if(func2(data32) < 1){
const err78 = {instancePath:instancePath+"/pitfalls/" + i3,schemaPath:"#/definitions/localizedText/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16,data:data32};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
if(data32.en === undefined){
const err79 = {instancePath:instancePath+"/pitfalls/" + i3,schemaPath:"#/definitions/localizedText/required",keyword:"required",params:{missingProperty: "en"},message:"must have required property '"+"en"+"'",schema:schema16.required,parentSchema:schema16,data:data32};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
for(const key9 in data32){
if(!((key9 === "en") || (key9 === "zh-cn"))){
const err80 = {instancePath:instancePath+"/pitfalls/" + i3,schemaPath:"#/definitions/localizedText/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data:data32};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
if(data32.en !== undefined){
let data33 = data32.en;
if(typeof data33 === "string"){
if(func2(data33) < 1){
const err81 = {instancePath:instancePath+"/pitfalls/" + i3+"/en",schemaPath:"#/definitions/localizedText/properties/en/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties.en,data:data33};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
else {
const err82 = {instancePath:instancePath+"/pitfalls/" + i3+"/en",schemaPath:"#/definitions/localizedText/properties/en/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties.en.type,parentSchema:schema16.properties.en,data:data33};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
if(data32["zh-cn"] !== undefined){
let data34 = data32["zh-cn"];
if(typeof data34 === "string"){
if(func2(data34) < 1){
const err83 = {instancePath:instancePath+"/pitfalls/" + i3+"/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.properties["zh-cn"],data:data34};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
else {
const err84 = {instancePath:instancePath+"/pitfalls/" + i3+"/zh-cn",schemaPath:"#/definitions/localizedText/properties/zh-cn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.properties["zh-cn"].type,parentSchema:schema16.properties["zh-cn"],data:data34};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
}
}
else {
const err85 = {instancePath:instancePath+"/pitfalls",schemaPath:"#/properties/pitfalls/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.pitfalls.type,parentSchema:schema17.properties.pitfalls,data:data31};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
if(data.inStarImport !== undefined){
let data35 = data.inStarImport;
if(typeof data35 !== "boolean"){
const err86 = {instancePath:instancePath+"/inStarImport",schemaPath:"#/properties/inStarImport/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema17.properties.inStarImport.type,parentSchema:schema17.properties.inStarImport,data:data35};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data.definedAt !== undefined){
let data36 = data.definedAt;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
if(data36.path === undefined){
const err87 = {instancePath:instancePath+"/definedAt",schemaPath:"#/properties/definedAt/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema17.properties.definedAt.required,parentSchema:schema17.properties.definedAt,data:data36};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if(data36.span === undefined){
const err88 = {instancePath:instancePath+"/definedAt",schemaPath:"#/properties/definedAt/required",keyword:"required",params:{missingProperty: "span"},message:"must have required property '"+"span"+"'",schema:schema17.properties.definedAt.required,parentSchema:schema17.properties.definedAt,data:data36};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
for(const key10 in data36){
if(!((key10 === "path") || (key10 === "span"))){
const err89 = {instancePath:instancePath+"/definedAt",schemaPath:"#/properties/definedAt/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema17.properties.definedAt,data:data36};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data36.path !== undefined){
let data37 = data36.path;
if(typeof data37 === "string"){
if(func2(data37) < 1){
const err90 = {instancePath:instancePath+"/definedAt/path",schemaPath:"#/properties/definedAt/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.definedAt.properties.path,data:data37};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
else {
const err91 = {instancePath:instancePath+"/definedAt/path",schemaPath:"#/properties/definedAt/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.definedAt.properties.path.type,parentSchema:schema17.properties.definedAt.properties.path,data:data37};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data36.span !== undefined){
let data38 = data36.span;
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
if(data38.start === undefined){
const err92 = {instancePath:instancePath+"/definedAt/span",schemaPath:"#/properties/definedAt/properties/span/required",keyword:"required",params:{missingProperty: "start"},message:"must have required property '"+"start"+"'",schema:schema17.properties.definedAt.properties.span.required,parentSchema:schema17.properties.definedAt.properties.span,data:data38};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
if(data38.end === undefined){
const err93 = {instancePath:instancePath+"/definedAt/span",schemaPath:"#/properties/definedAt/properties/span/required",keyword:"required",params:{missingProperty: "end"},message:"must have required property '"+"end"+"'",schema:schema17.properties.definedAt.properties.span.required,parentSchema:schema17.properties.definedAt.properties.span,data:data38};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
for(const key11 in data38){
if(!((key11 === "start") || (key11 === "end"))){
const err94 = {instancePath:instancePath+"/definedAt/span",schemaPath:"#/properties/definedAt/properties/span/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema17.properties.definedAt.properties.span,data:data38};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data38.start !== undefined){
let data39 = data38.start;
if(!(((typeof data39 == "number") && (!(data39 % 1) && !isNaN(data39))) && (isFinite(data39)))){
const err95 = {instancePath:instancePath+"/definedAt/span/start",schemaPath:"#/properties/definedAt/properties/span/properties/start/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema17.properties.definedAt.properties.span.properties.start.type,parentSchema:schema17.properties.definedAt.properties.span.properties.start,data:data39};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
if((typeof data39 == "number") && (isFinite(data39))){
if(data39 < 0 || isNaN(data39)){
const err96 = {instancePath:instancePath+"/definedAt/span/start",schemaPath:"#/properties/definedAt/properties/span/properties/start/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema17.properties.definedAt.properties.span.properties.start,data:data39};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
}
if(data38.end !== undefined){
let data40 = data38.end;
if(!(((typeof data40 == "number") && (!(data40 % 1) && !isNaN(data40))) && (isFinite(data40)))){
const err97 = {instancePath:instancePath+"/definedAt/span/end",schemaPath:"#/properties/definedAt/properties/span/properties/end/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema17.properties.definedAt.properties.span.properties.end.type,parentSchema:schema17.properties.definedAt.properties.span.properties.end,data:data40};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if((typeof data40 == "number") && (isFinite(data40))){
if(data40 < 0 || isNaN(data40)){
const err98 = {instancePath:instancePath+"/definedAt/span/end",schemaPath:"#/properties/definedAt/properties/span/properties/end/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema17.properties.definedAt.properties.span.properties.end,data:data40};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
}
}
else {
const err99 = {instancePath:instancePath+"/definedAt/span",schemaPath:"#/properties/definedAt/properties/span/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.definedAt.properties.span.type,parentSchema:schema17.properties.definedAt.properties.span,data:data38};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
}
else {
const err100 = {instancePath:instancePath+"/definedAt",schemaPath:"#/properties/definedAt/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.definedAt.type,parentSchema:schema17.properties.definedAt,data:data36};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
}
else {
const err101 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.type,parentSchema:schema17,data};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}

const schema27 = {"type":"object","required":["name","otherNames"],"additionalProperties":false,"description":"The names a signal module binds besides its signals.","properties":{"name":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$","description":"The dotted module, e.g. celery.contrib.testing.worker."},"otherNames":{"type":"array","uniqueItems":true,"description":"Every name other than a signal that the module binds at top level (imports included) in some release from namesCompleteSince on. Importing any of them works.","items":{"$ref":"#/definitions/identifier"}},"namesCompleteSince":{"$ref":"#/definitions/version","description":"First release from which the signals and otherNames are all the module binds. For an older Celery version no unknown name is reported. Leave it out when the list holds for every release."}}};
const func0 = require("ajv/dist/runtime/equal").default;

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema27.required,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.otherNames === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "otherNames"},message:"must have required property '"+"otherNames"+"'",schema:schema27.required,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "otherNames")) || (key0 === "namesCompleteSince"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern5.test(data0)){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$",parentSchema:schema27.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.properties.name.type,parentSchema:schema27.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.otherNames !== undefined){
let data1 = data.otherNames;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err5 = {instancePath:instancePath+"/otherNames/" + i0,schemaPath:"#/definitions/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema14,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/otherNames/" + i0,schemaPath:"#/definitions/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data1[i1], data1[j0])){
const err7 = {instancePath:instancePath+"/otherNames",schemaPath:"#/properties/otherNames/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema27.properties.otherNames,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err8 = {instancePath:instancePath+"/otherNames",schemaPath:"#/properties/otherNames/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema27.properties.otherNames.type,parentSchema:schema27.properties.otherNames,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.namesCompleteSince !== undefined){
let data3 = data.namesCompleteSince;
if(typeof data3 === "string"){
if(!pattern0.test(data3)){
const err9 = {instancePath:instancePath+"/namesCompleteSince",schemaPath:"#/definitions/version/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+){0,2}$"},message:"must match pattern \""+"^\\d+(\\.\\d+){0,2}$"+"\"",schema:"^\\d+(\\.\\d+){0,2}$",parentSchema:schema12,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/namesCompleteSince",schemaPath:"#/definitions/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.type,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate16.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://celery-signals.dev/schemas/signal-catalog.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.catalogVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "catalogVersion"},message:"must have required property '"+"catalogVersion"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.signals === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "signals"},message:"must have required property '"+"signals"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "$schema") || (key0 === "catalogVersion")) || (key0 === "latestCeleryVersion")) || (key0 === "commonParams")) || (key0 === "signals")) || (key0 === "modules"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err3 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.$schema.type,parentSchema:schema11.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.catalogVersion !== undefined){
let data1 = data.catalogVersion;
if(1 !== data1){
const err4 = {instancePath:instancePath+"/catalogVersion",schemaPath:"#/properties/catalogVersion/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema11.properties.catalogVersion,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.latestCeleryVersion !== undefined){
let data2 = data.latestCeleryVersion;
if(typeof data2 === "string"){
if(!pattern0.test(data2)){
const err5 = {instancePath:instancePath+"/latestCeleryVersion",schemaPath:"#/definitions/version/pattern",keyword:"pattern",params:{pattern: "^\\d+(\\.\\d+){0,2}$"},message:"must match pattern \""+"^\\d+(\\.\\d+){0,2}$"+"\"",schema:"^\\d+(\\.\\d+){0,2}$",parentSchema:schema12,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/latestCeleryVersion",schemaPath:"#/definitions/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.commonParams !== undefined){
let data3 = data.commonParams;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
if(!(validate11(data3[i0], {instancePath:instancePath+"/commonParams/" + i0,parentData:data3,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
else {
const err7 = {instancePath:instancePath+"/commonParams",schemaPath:"#/properties/commonParams/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.commonParams.type,parentSchema:schema11.properties.commonParams,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.signals !== undefined){
let data5 = data.signals;
if(Array.isArray(data5)){
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
if(!(validate13(data5[i1], {instancePath:instancePath+"/signals/" + i1,parentData:data5,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
else {
const err8 = {instancePath:instancePath+"/signals",schemaPath:"#/properties/signals/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.signals.type,parentSchema:schema11.properties.signals,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.modules !== undefined){
let data7 = data.modules;
if(Array.isArray(data7)){
const len2 = data7.length;
for(let i2=0; i2<len2; i2++){
if(!(validate16(data7[i2], {instancePath:instancePath+"/modules/" + i2,parentData:data7,parentDataProperty:i2,rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
}
else {
const err9 = {instancePath:instancePath+"/modules",schemaPath:"#/properties/modules/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.modules.type,parentSchema:schema11.properties.modules,data:data7};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
