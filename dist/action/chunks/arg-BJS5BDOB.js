import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); globalThis.__egressAuditBundleDir ??= decodeURIComponent(new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url).pathname);
import {
  BUILT_IN_ROLES,
  firewallsByIp,
  nextHopIp,
  reachableFirewalls,
  roleGuid,
  vnetIdOf
} from "./chunk-VJI4PQUZ.js";
import {
  InventoryBuilder,
  MANIFEST_FILE,
  MANIFEST_MARKER,
  asManifest,
  display,
  isObject,
  key,
  parse,
  printParseErrorCode,
  writeFileSet
} from "./chunk-SGRUBW3Z.js";
import {
  RestError,
  bearerTokenAuthenticationPolicy,
  createClientLogger,
  createPipelineFromOptions,
  createRestError,
  getClient,
  isObjectWithProperties,
  operationOptionsToRequestParameters
} from "./chunk-DMWGXJIR.js";
import {
  CLOUD_ENDPOINTS
} from "./chunk-D73F7GFG.js";
import {
  InputError
} from "./chunk-LNKZU66S.js";
import "./chunk-GGJCHK3C.js";

// src/inventory/sources/arg/index.ts
import path2 from "node:path";

// node_modules/@azure/arm-resourcegraph/dist/esm/static-helpers/cloudSettingHelpers.js
var AzureClouds;
(function(AzureClouds2) {
  AzureClouds2["AZURE_PUBLIC_CLOUD"] = "AZURE_PUBLIC_CLOUD";
  AzureClouds2["AZURE_CHINA_CLOUD"] = "AZURE_CHINA_CLOUD";
  AzureClouds2["AZURE_US_GOVERNMENT"] = "AZURE_US_GOVERNMENT";
})(AzureClouds || (AzureClouds = {}));
function getArmEndpoint(cloudSetting) {
  if (cloudSetting === void 0) {
    return void 0;
  }
  const cloudEndpoints = {
    AZURE_CHINA_CLOUD: "https://management.chinacloudapi.cn/",
    AZURE_US_GOVERNMENT: "https://management.usgovcloudapi.net/",
    AZURE_PUBLIC_CLOUD: "https://management.azure.com/"
  };
  if (cloudSetting in cloudEndpoints) {
    return cloudEndpoints[cloudSetting];
  } else {
    throw new Error(`Unknown cloud setting: ${cloudSetting}. Please refer to the enum AzureClouds for possible values.`);
  }
}

// node_modules/@azure/arm-resourcegraph/dist/esm/models/resourceChanges/models.js
function resourceChangesRequestParametersSerializer(item) {
  return {
    resourceIds: !item["resourceIds"] ? item["resourceIds"] : item["resourceIds"].map((p) => {
      return p;
    }),
    subscriptionId: item["subscriptionId"],
    interval: resourceChangesRequestParametersIntervalSerializer(item["interval"]),
    $skipToken: item["skipToken"],
    $top: item["top"],
    table: item["table"],
    fetchPropertyChanges: item["fetchPropertyChanges"],
    fetchSnapshots: item["fetchSnapshots"]
  };
}
function resourceChangesRequestParametersIntervalSerializer(item) {
  return { start: item["start"].toISOString(), end: item["end"].toISOString() };
}
function resourceChangeListDeserializer(item) {
  return {
    changes: !item["changes"] ? item["changes"] : resourceChangeDataArrayDeserializer(item["changes"]),
    skipToken: item["$skipToken"]
  };
}
function resourceChangeDataArrayDeserializer(result) {
  return result.map((item) => {
    return resourceChangeDataDeserializer(item);
  });
}
function resourceChangeDataDeserializer(item) {
  return {
    resourceId: item["resourceId"],
    changeId: item["changeId"],
    beforeSnapshot: resourceChangeDataBeforeSnapshotDeserializer(item["beforeSnapshot"]),
    afterSnapshot: resourceChangeDataAfterSnapshotDeserializer(item["afterSnapshot"]),
    changeType: item["changeType"],
    propertyChanges: !item["propertyChanges"] ? item["propertyChanges"] : resourcePropertyChangeArrayDeserializer(item["propertyChanges"])
  };
}
function resourceChangeDataBeforeSnapshotDeserializer(item) {
  return {
    snapshotId: item["snapshotId"],
    timestamp: new Date(item["timestamp"]),
    content: item["content"]
  };
}
function resourceChangeDataAfterSnapshotDeserializer(item) {
  return {
    snapshotId: item["snapshotId"],
    timestamp: new Date(item["timestamp"]),
    content: item["content"]
  };
}
function resourcePropertyChangeArrayDeserializer(result) {
  return result.map((item) => {
    return resourcePropertyChangeDeserializer(item);
  });
}
function resourcePropertyChangeDeserializer(item) {
  return {
    propertyName: item["propertyName"],
    beforeValue: item["beforeValue"],
    afterValue: item["afterValue"],
    changeCategory: item["changeCategory"],
    propertyChangeType: item["propertyChangeType"]
  };
}
function resourceChangeDetailsRequestParametersSerializer(item) {
  return {
    resourceIds: item["resourceIds"].map((p) => {
      return p;
    }),
    changeIds: item["changeIds"].map((p) => {
      return p;
    })
  };
}

// node_modules/@azure/arm-resourcegraph/dist/esm/static-helpers/serialization/serialize-record.js
function serializeRecord(item, excludes, serializer) {
  const propertiesToExclude = excludes ?? [];
  const res = {};
  for (const key2 of Object.keys(item)) {
    if (propertiesToExclude.includes(key2) || item[key2] === void 0) {
      continue;
    }
    if (serializer) {
      res[key2] = serializer(item[key2]);
    } else {
      res[key2] = item[key2];
    }
  }
  return res;
}

// node_modules/@azure/arm-resourcegraph/dist/esm/models/resourceGraphCommon/models.js
function dateTimeIntervalSerializer(item) {
  return { start: item["start"].toISOString(), end: item["end"].toISOString() };
}
function errorResponseDeserializer(item) {
  return {
    error: errorDeserializer(item["error"])
  };
}
function errorDeserializer(item) {
  return {
    code: item["code"],
    message: item["message"],
    details: !item["details"] ? item["details"] : errorDetailsArrayDeserializer(item["details"])
  };
}
function errorDetailsArrayDeserializer(result) {
  return result.map((item) => {
    return errorDetailsDeserializer(item);
  });
}
function errorDetailsDeserializer(item) {
  return {
    additionalProperties: serializeRecord(item, ["code", "message"]),
    code: item["code"],
    message: item["message"]
  };
}

// node_modules/@azure/arm-resourcegraph/dist/esm/models/resourceGraphApi/models.js
function queryRequestSerializer(item) {
  return {
    subscriptions: !item["subscriptions"] ? item["subscriptions"] : item["subscriptions"].map((p) => {
      return p;
    }),
    managementGroups: !item["managementGroups"] ? item["managementGroups"] : item["managementGroups"].map((p) => {
      return p;
    }),
    query: item["query"],
    options: !item["options"] ? item["options"] : queryRequestOptionsSerializer(item["options"]),
    facets: !item["facets"] ? item["facets"] : facetRequestArraySerializer(item["facets"])
  };
}
function queryRequestOptionsSerializer(item) {
  return {
    $skipToken: item["skipToken"],
    $top: item["top"],
    $skip: item["skip"],
    resultFormat: item["resultFormat"],
    allowPartialScopes: item["allowPartialScopes"],
    authorizationScopeFilter: item["authorizationScopeFilter"]
  };
}
function facetRequestArraySerializer(result) {
  return result.map((item) => {
    return facetRequestSerializer(item);
  });
}
function facetRequestSerializer(item) {
  return {
    expression: item["expression"],
    options: !item["options"] ? item["options"] : facetRequestOptionsSerializer(item["options"])
  };
}
function facetRequestOptionsSerializer(item) {
  return {
    sortBy: item["sortBy"],
    sortOrder: item["sortOrder"],
    filter: item["filter"],
    $top: item["top"]
  };
}
function queryResponseDeserializer(item) {
  return {
    totalRecords: item["totalRecords"],
    count: item["count"],
    resultTruncated: item["resultTruncated"],
    skipToken: item["$skipToken"],
    data: item["data"],
    facets: !item["facets"] ? item["facets"] : facetUnionArrayDeserializer(item["facets"])
  };
}
function facetUnionArrayDeserializer(result) {
  return result.map((item) => {
    return facetUnionDeserializer(item);
  });
}
function facetDeserializer(item) {
  return {
    expression: item["expression"],
    resultType: item["resultType"]
  };
}
function facetUnionDeserializer(item) {
  switch (item["resultType"]) {
    case "FacetResult":
      return facetResultDeserializer(item);
    case "FacetError":
      return facetErrorDeserializer(item);
    default:
      return facetDeserializer(item);
  }
}
function facetResultDeserializer(item) {
  return {
    expression: item["expression"],
    resultType: item["resultType"],
    totalRecords: item["totalRecords"],
    count: item["count"],
    data: item["data"]
  };
}
function facetErrorDeserializer(item) {
  return {
    expression: item["expression"],
    resultType: item["resultType"],
    errors: errorDetailsArrayDeserializer(item["errors"])
  };
}
function _operationListResultDeserializer(item) {
  return {
    value: operationArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function operationArrayDeserializer(result) {
  return result.map((item) => {
    return operationDeserializer(item);
  });
}
function operationDeserializer(item) {
  return {
    name: item["name"],
    display: !item["display"] ? item["display"] : operationDisplayDeserializer(item["display"]),
    origin: item["origin"]
  };
}
function operationDisplayDeserializer(item) {
  return {
    provider: item["provider"],
    resource: item["resource"],
    operation: item["operation"],
    description: item["description"]
  };
}

// node_modules/@azure/arm-resourcegraph/dist/esm/models/resourceHistory/models.js
function resourcesHistoryRequestSerializer(item) {
  return {
    subscriptions: !item["subscriptions"] ? item["subscriptions"] : item["subscriptions"].map((p) => {
      return p;
    }),
    query: item["query"],
    options: !item["options"] ? item["options"] : resourcesHistoryRequestOptionsSerializer(item["options"]),
    managementGroups: !item["managementGroups"] ? item["managementGroups"] : item["managementGroups"].map((p) => {
      return p;
    })
  };
}
function resourcesHistoryRequestOptionsSerializer(item) {
  return {
    interval: !item["interval"] ? item["interval"] : dateTimeIntervalSerializer(item["interval"]),
    $top: item["top"],
    $skip: item["skip"],
    $skipToken: item["skipToken"],
    resultFormat: item["resultFormat"]
  };
}

// node_modules/@azure/arm-resourcegraph/dist/esm/static-helpers/urlTemplate.js
function encodeComponent(val, reserved, op) {
  return (reserved ?? op === "+") || op === "#" ? encodeReservedComponent(val) : encodeRFC3986URIComponent(val);
}
function encodeReservedComponent(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map((part) => !/%[0-9A-Fa-f]/.test(part) ? encodeURI(part) : part).join("");
}
function encodeRFC3986URIComponent(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function isDefined(val) {
  return val !== void 0 && val !== null;
}
function getNamedAndIfEmpty(op) {
  return [!!op && [";", "?", "&"].includes(op), !!op && ["?", "&"].includes(op) ? "=" : ""];
}
function getFirstOrSep(op, isFirst = false) {
  if (isFirst) {
    return !op || op === "+" ? "" : op;
  } else if (!op || op === "+" || op === "#") {
    return ",";
  } else if (op === "?") {
    return "&";
  } else {
    return op;
  }
}
function getExpandedValue(option) {
  let isFirst = option.isFirst;
  const { op, varName, varValue: value, reserved } = option;
  const vals = [];
  const [named, ifEmpty] = getNamedAndIfEmpty(op);
  if (Array.isArray(value)) {
    for (const val of value.filter(isDefined)) {
      vals.push(`${getFirstOrSep(op, isFirst)}`);
      if (named && varName) {
        vals.push(`${encodeURIComponent(varName)}`);
        if (val === "") {
          vals.push(ifEmpty);
        } else {
          vals.push("=");
        }
      }
      vals.push(encodeComponent(val, reserved, op));
      isFirst = false;
    }
  } else if (typeof value === "object") {
    for (const key2 of Object.keys(value)) {
      const val = value[key2];
      if (!isDefined(val)) {
        continue;
      }
      vals.push(`${getFirstOrSep(op, isFirst)}`);
      if (key2) {
        vals.push(`${encodeURIComponent(key2)}`);
        if (named && val === "") {
          vals.push(ifEmpty);
        } else {
          vals.push("=");
        }
      }
      vals.push(encodeComponent(val, reserved, op));
      isFirst = false;
    }
  }
  return vals.join("");
}
function getNonExpandedValue(option) {
  const { op, varName, varValue: value, isFirst, reserved } = option;
  const vals = [];
  const first = getFirstOrSep(op, isFirst);
  const [named, ifEmpty] = getNamedAndIfEmpty(op);
  if (named && varName) {
    vals.push(encodeComponent(varName, reserved, op));
    if (value === "") {
      if (!ifEmpty) {
        vals.push(ifEmpty);
      }
      return !vals.join("") ? void 0 : `${first}${vals.join("")}`;
    }
    vals.push("=");
  }
  const items = [];
  if (Array.isArray(value)) {
    for (const val of value.filter(isDefined)) {
      items.push(encodeComponent(val, reserved, op));
    }
  } else if (typeof value === "object") {
    for (const key2 of Object.keys(value)) {
      if (!isDefined(value[key2])) {
        continue;
      }
      items.push(encodeRFC3986URIComponent(key2));
      items.push(encodeComponent(value[key2], reserved, op));
    }
  }
  vals.push(items.join(","));
  return !vals.join(",") ? void 0 : `${first}${vals.join("")}`;
}
function getVarValue(option) {
  const { op, varName, modifier, isFirst, reserved, varValue: value } = option;
  if (!isDefined(value)) {
    return void 0;
  } else if (["string", "number", "boolean"].includes(typeof value)) {
    let val = value.toString();
    const [named, ifEmpty] = getNamedAndIfEmpty(op);
    const vals = [getFirstOrSep(op, isFirst)];
    if (named && varName) {
      vals.push(varName);
      if (val === "") {
        vals.push(ifEmpty);
      } else {
        vals.push("=");
      }
    }
    if (modifier && modifier !== "*") {
      val = val.substring(0, parseInt(modifier, 10));
    }
    vals.push(encodeComponent(val, reserved, op));
    return vals.join("");
  } else if (modifier === "*") {
    return getExpandedValue(option);
  } else {
    return getNonExpandedValue(option);
  }
}
function expandUrlTemplate(template, context, option) {
  const result = template.replace(/\{([^{}]+)\}|([^{}]+)/g, (_, expr, text) => {
    if (!expr) {
      return encodeReservedComponent(text);
    }
    let op;
    if (["+", "#", ".", "/", ";", "?", "&"].includes(expr[0])) {
      op = expr[0];
      expr = expr.slice(1);
    }
    const varList = expr.split(/,/g);
    const innerResult = [];
    for (const varSpec of varList) {
      const varMatch = /([^:*]*)(?::(\d+)|(\*))?/.exec(varSpec);
      if (!varMatch || !varMatch[1]) {
        continue;
      }
      const varValue = getVarValue({
        isFirst: innerResult.length === 0,
        op,
        varValue: context[varMatch[1]],
        varName: varMatch[1],
        modifier: varMatch[2] || varMatch[3],
        reserved: option?.allowReserved
      });
      if (varValue) {
        innerResult.push(varValue);
      }
    }
    return innerResult.join("");
  });
  return normalizeUnreserved(result);
}
function normalizeUnreserved(uri) {
  return uri.replace(/%([0-9A-Fa-f]{2})/g, (match, hex) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    if (/[.~-]/.test(char)) {
      return char;
    }
    return match;
  });
}

// node_modules/@azure-rest/core-client/dist/esm/restError.js
function createRestError2(messageOrResponse, response) {
  if (typeof messageOrResponse === "string") {
    return createRestError(messageOrResponse, response);
  } else {
    return createRestError(messageOrResponse);
  }
}

// node_modules/@azure/core-auth/dist/esm/keyCredential.js
function isKeyCredential(credential) {
  return isObjectWithProperties(credential, ["key"]) && typeof credential.key === "string";
}

// node_modules/@azure/core-auth/dist/esm/tokenCredential.js
function isTokenCredential(credential) {
  const castCredential = credential;
  return castCredential && typeof castCredential.getToken === "function" && (castCredential.signRequest === void 0 || castCredential.getToken.length > 0);
}

// node_modules/@azure-rest/core-client/dist/esm/apiVersionPolicy.js
var apiVersionPolicyName = "ApiVersionPolicy";
function apiVersionPolicy(options) {
  return {
    name: apiVersionPolicyName,
    sendRequest: (req, next) => {
      const url = new URL(req.url);
      if (!url.searchParams.get("api-version") && options.apiVersion) {
        req.url = `${req.url}${url.searchParams.size > 0 ? "&" : "?"}api-version=${options.apiVersion}`;
      }
      return next(req);
    }
  };
}

// node_modules/@azure-rest/core-client/dist/esm/keyCredentialAuthenticationPolicy.js
var keyCredentialAuthenticationPolicyName = "keyCredentialAuthenticationPolicy";
function keyCredentialAuthenticationPolicy(credential, apiKeyHeaderName) {
  return {
    name: keyCredentialAuthenticationPolicyName,
    sendRequest(request, next) {
      request.headers.set(apiKeyHeaderName, credential.key);
      return next(request);
    }
  };
}

// node_modules/@azure-rest/core-client/dist/esm/clientHelpers.js
function addCredentialPipelinePolicy(pipeline, endpoint, options = {}) {
  const { credential, clientOptions } = options;
  if (!credential) {
    return;
  }
  if (isTokenCredential(credential)) {
    const tokenPolicy = bearerTokenAuthenticationPolicy({
      credential,
      scopes: clientOptions?.credentials?.scopes ?? `${endpoint}/.default`
    });
    pipeline.addPolicy(tokenPolicy);
  } else if (isKeyCredential2(credential)) {
    if (!clientOptions?.credentials?.apiKeyHeaderName) {
      throw new Error(`Missing API Key Header Name`);
    }
    const keyPolicy = keyCredentialAuthenticationPolicy(credential, clientOptions?.credentials?.apiKeyHeaderName);
    pipeline.addPolicy(keyPolicy);
  }
}
function createDefaultPipeline(endpoint, credential, options = {}) {
  const pipeline = createPipelineFromOptions(options);
  pipeline.addPolicy(apiVersionPolicy(options));
  addCredentialPipelinePolicy(pipeline, endpoint, { credential, clientOptions: options });
  return pipeline;
}
function isKeyCredential2(credential) {
  return typeof credential === "object" && credential !== null && "key" in credential && typeof credential.key === "string";
}

// node_modules/@azure-rest/core-client/dist/esm/operationOptionHelpers.js
function operationOptionsToRequestParameters2(options) {
  const tspRequestParameters = operationOptionsToRequestParameters(options);
  return {
    ...tspRequestParameters,
    tracingOptions: options.tracingOptions
  };
}

// node_modules/@azure-rest/core-client/dist/esm/getClient.js
function wrapRequestParameters(parameters) {
  if (parameters.onResponse) {
    return {
      ...parameters,
      onResponse(rawResponse, error) {
        parameters.onResponse?.(rawResponse, error, error);
      }
    };
  }
  return parameters;
}
function getClient2(endpoint, credentialsOrPipelineOptions, clientOptions = {}) {
  let credentials;
  if (credentialsOrPipelineOptions) {
    if (isCredential(credentialsOrPipelineOptions)) {
      credentials = credentialsOrPipelineOptions;
    } else {
      clientOptions = credentialsOrPipelineOptions ?? {};
    }
  }
  const pipeline = clientOptions.pipeline ?? createDefaultPipeline(endpoint, credentials, clientOptions);
  const tspClient = getClient(endpoint, {
    ...clientOptions,
    pipeline
  });
  const client = (path3, ...args) => {
    return {
      get: (requestOptions = {}) => {
        return tspClient.path(path3, ...args).get(wrapRequestParameters(requestOptions));
      },
      post: (requestOptions = {}) => {
        return tspClient.path(path3, ...args).post(wrapRequestParameters(requestOptions));
      },
      put: (requestOptions = {}) => {
        return tspClient.path(path3, ...args).put(wrapRequestParameters(requestOptions));
      },
      patch: (requestOptions = {}) => {
        return tspClient.path(path3, ...args).patch(wrapRequestParameters(requestOptions));
      },
      delete: (requestOptions = {}) => {
        return tspClient.path(path3, ...args).delete(wrapRequestParameters(requestOptions));
      },
      head: (requestOptions = {}) => {
        return tspClient.path(path3, ...args).head(wrapRequestParameters(requestOptions));
      },
      options: (requestOptions = {}) => {
        return tspClient.path(path3, ...args).options(wrapRequestParameters(requestOptions));
      },
      trace: (requestOptions = {}) => {
        return tspClient.path(path3, ...args).trace(wrapRequestParameters(requestOptions));
      }
    };
  };
  return {
    path: client,
    pathUnchecked: client,
    pipeline: tspClient.pipeline
  };
}
function isCredential(param) {
  return isKeyCredential(param) || isTokenCredential(param);
}

// node_modules/@azure/arm-resourcegraph/dist/esm/api/operations.js
function _resourcesHistorySend(context, request, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/providers/Microsoft.ResourceGraph/resourcesHistory{?api%2Dversion}", {
    "api%2Dversion": "2021-06-01-preview"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).post({
    ...operationOptionsToRequestParameters2(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: resourcesHistoryRequestSerializer(request)
  });
}
async function _resourcesHistoryDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = errorResponseDeserializer(result.body);
    }
    throw error;
  }
  return { body: result.body };
}
async function resourcesHistory(context, request, options = { requestOptions: {} }) {
  const result = await _resourcesHistorySend(context, request, options);
  return _resourcesHistoryDeserialize(result);
}
function _resourcesSend(context, query, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/providers/Microsoft.ResourceGraph/resources{?api%2Dversion}", {
    "api%2Dversion": "2024-04-01"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).post({
    ...operationOptionsToRequestParameters2(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: queryRequestSerializer(query)
  });
}
async function _resourcesDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = errorResponseDeserializer(result.body);
    }
    throw error;
  }
  return queryResponseDeserializer(result.body);
}
async function resources(context, query, options = { requestOptions: {} }) {
  const result = await _resourcesSend(context, query, options);
  return _resourcesDeserialize(result);
}
function _resourceChangeDetailsSend(context, parameters, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/providers/Microsoft.ResourceGraph/resourceChangeDetails{?api%2Dversion}", {
    "api%2Dversion": "2020-09-01-preview"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).post({
    ...operationOptionsToRequestParameters2(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: resourceChangeDetailsRequestParametersSerializer(parameters)
  });
}
async function _resourceChangeDetailsDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = errorResponseDeserializer(result.body);
    }
    throw error;
  }
  return resourceChangeDataArrayDeserializer(result.body);
}
async function resourceChangeDetails(context, parameters, options = { requestOptions: {} }) {
  const result = await _resourceChangeDetailsSend(context, parameters, options);
  return _resourceChangeDetailsDeserialize(result);
}
function _resourceChangesSend(context, parameters, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/providers/Microsoft.ResourceGraph/resourceChanges{?api%2Dversion}", {
    "api%2Dversion": "2020-09-01-preview"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).post({
    ...operationOptionsToRequestParameters2(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: resourceChangesRequestParametersSerializer(parameters)
  });
}
async function _resourceChangesDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = errorResponseDeserializer(result.body);
    }
    throw error;
  }
  return resourceChangeListDeserializer(result.body);
}
async function resourceChanges(context, parameters, options = { requestOptions: {} }) {
  const result = await _resourceChangesSend(context, parameters, options);
  return _resourceChangesDeserialize(result);
}

// node_modules/@azure/arm-resourcegraph/dist/esm/logger.js
var logger = createClientLogger("arm-resourcegraph");

// node_modules/@azure/arm-resourcegraph/dist/esm/api/resourceGraphContext.js
function createResourceGraph(credential, subscriptionId, options = {}) {
  const endpointUrl = options.endpoint ?? getArmEndpoint(options.cloudSetting) ?? "https://management.azure.com";
  const prefixFromOptions = options?.userAgentOptions?.userAgentPrefix;
  const userAgentInfo = `azsdk-js-arm-resourcegraph/5.0.0`;
  const userAgentPrefix = prefixFromOptions ? `${prefixFromOptions} ${userAgentInfo}` : `${userAgentInfo}`;
  const { apiVersion: _, ...updatedOptions } = {
    ...options,
    userAgentOptions: { userAgentPrefix },
    loggingOptions: { logger: options.loggingOptions?.logger ?? logger.info },
    credentials: {
      scopes: options.credentials?.scopes ?? ["https://management.azure.com/.default"]
    }
  };
  const clientContext = getClient2(endpointUrl, credential, updatedOptions);
  if (options.apiVersion) {
    logger.warning("This client does not support client api-version, please change it at the operation level");
  }
  return { ...clientContext, subscriptionId };
}

// node_modules/@azure/arm-resourcegraph/dist/esm/static-helpers/serialization/check-prop-undefined.js
function areAllPropsUndefined(item, properties) {
  for (const property of properties) {
    if (item[property] !== void 0) {
      return false;
    }
  }
  return true;
}

// node_modules/@azure/arm-resourcegraph/dist/esm/models/models.js
function systemDataDeserializer(item) {
  return {
    createdBy: item["createdBy"],
    createdByType: item["createdByType"],
    createdAt: !item["createdAt"] ? item["createdAt"] : new Date(item["createdAt"]),
    lastModifiedBy: item["lastModifiedBy"],
    lastModifiedByType: item["lastModifiedByType"],
    lastModifiedAt: !item["lastModifiedAt"] ? item["lastModifiedAt"] : new Date(item["lastModifiedAt"])
  };
}
var KnownCreatedByType;
(function(KnownCreatedByType2) {
  KnownCreatedByType2["User"] = "User";
  KnownCreatedByType2["Application"] = "Application";
  KnownCreatedByType2["ManagedIdentity"] = "ManagedIdentity";
  KnownCreatedByType2["Key"] = "Key";
})(KnownCreatedByType || (KnownCreatedByType = {}));

// node_modules/@azure/arm-resourcegraph/dist/esm/models/graphQueryApi/models.js
function graphQueryResourceSerializer(item) {
  return {
    properties: areAllPropsUndefined(item, ["description", "query"]) ? void 0 : _graphQueryResourcePropertiesSerializer(item),
    tags: item["tags"],
    location: item["location"],
    etag: item["etag"]
  };
}
function graphQueryResourceDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    ...!item["properties"] ? item["properties"] : _graphQueryResourcePropertiesDeserializer(item["properties"]),
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
    location: item["location"],
    etag: item["etag"]
  };
}
var KnownResultKind;
(function(KnownResultKind2) {
  KnownResultKind2["Basic"] = "basic";
})(KnownResultKind || (KnownResultKind = {}));
function graphQueryErrorDeserializer(item) {
  return {
    error: !item["error"] ? item["error"] : graphQueryErrorErrorDeserializer(item["error"])
  };
}
function graphQueryErrorErrorDeserializer(item) {
  return {
    code: item["code"],
    message: item["message"],
    details: !item["details"] ? item["details"] : errorFieldContractArrayDeserializer(item["details"])
  };
}
function errorFieldContractArrayDeserializer(result) {
  return result.map((item) => {
    return errorFieldContractDeserializer(item);
  });
}
function errorFieldContractDeserializer(item) {
  return {
    code: item["code"],
    message: item["message"],
    target: item["target"]
  };
}
function graphQueryUpdateParametersSerializer(item) {
  return {
    tags: item["tags"],
    etag: item["etag"],
    properties: areAllPropsUndefined(item, ["description", "query"]) ? void 0 : _graphQueryUpdateParametersPropertiesSerializer(item)
  };
}
function _graphQueryListResultDeserializer(item) {
  return {
    value: graphQueryResourceArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function graphQueryResourceArrayDeserializer(result) {
  return result.map((item) => {
    return graphQueryResourceDeserializer(item);
  });
}
function _graphQueryResourcePropertiesSerializer(item) {
  return { description: item["description"], query: item["query"] };
}
function _graphQueryResourcePropertiesDeserializer(item) {
  return {
    timeModified: !item["timeModified"] ? item["timeModified"] : new Date(item["timeModified"]),
    description: item["description"],
    query: item["query"],
    resultKind: item["resultKind"]
  };
}
function _graphQueryUpdateParametersPropertiesSerializer(item) {
  return { description: item["description"], query: item["query"] };
}

// node_modules/@azure/arm-resourcegraph/dist/esm/static-helpers/pagingHelpers.js
function buildPagedAsyncIterator(client, getInitialResponse, processResponseBody, expectedStatuses, options = {}) {
  const itemName = options.itemName ?? "value";
  const nextLinkName = options.nextLinkName ?? "nextLink";
  const nextLinkMethod = options.nextLinkMethod ?? "GET";
  const apiVersion = options.apiVersion;
  const pagedResult = {
    getPage: async (pageLink) => {
      let result;
      if (pageLink === void 0) {
        result = await getInitialResponse();
      } else {
        const resolvedPageLink = apiVersion ? addApiVersionToUrl(pageLink, apiVersion) : pageLink;
        result = nextLinkMethod === "POST" ? await client.pathUnchecked(resolvedPageLink).post() : await client.pathUnchecked(resolvedPageLink).get();
      }
      checkPagingRequest(result, expectedStatuses);
      const results = await processResponseBody(result);
      const nextLink = getNextLink(results, nextLinkName);
      const values = getElements(results, itemName);
      return {
        page: values,
        nextPageLink: nextLink
      };
    },
    byPage: (settings) => {
      const { continuationToken } = settings ?? {};
      return getPageAsyncIterator(pagedResult, {
        pageLink: continuationToken
      });
    }
  };
  return getPagedAsyncIterator(pagedResult);
}
function getPagedAsyncIterator(pagedResult) {
  const iter = getItemAsyncIterator(pagedResult);
  return {
    next() {
      return iter.next();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    byPage: pagedResult?.byPage ?? ((settings) => {
      const { continuationToken } = settings ?? {};
      return getPageAsyncIterator(pagedResult, {
        pageLink: continuationToken
      });
    })
  };
}
async function* getItemAsyncIterator(pagedResult) {
  const pages = getPageAsyncIterator(pagedResult);
  for await (const page of pages) {
    yield* page;
  }
}
async function* getPageAsyncIterator(pagedResult, options = {}) {
  const { pageLink } = options;
  let response = await pagedResult.getPage(pageLink ?? pagedResult.firstPageLink);
  if (!response) {
    return;
  }
  let result = response.page;
  result.continuationToken = response.nextPageLink;
  yield result;
  while (response.nextPageLink) {
    response = await pagedResult.getPage(response.nextPageLink);
    if (!response) {
      return;
    }
    result = response.page;
    result.continuationToken = response.nextPageLink;
    yield result;
  }
}
function getNextLink(body, nextLinkName) {
  if (!nextLinkName) {
    return void 0;
  }
  const nextLink = body[nextLinkName];
  if (typeof nextLink !== "string" && typeof nextLink !== "undefined" && nextLink !== null) {
    throw new RestError(`Body Property ${nextLinkName} should be a string or undefined or null but got ${typeof nextLink}`);
  }
  if (nextLink === null) {
    return void 0;
  }
  return nextLink;
}
function getElements(body, itemName) {
  const value = body[itemName];
  if (!Array.isArray(value)) {
    throw new RestError(`Couldn't paginate response
 Body doesn't contain an array property with name: ${itemName}`);
  }
  return value ?? [];
}
function checkPagingRequest(response, expectedStatuses) {
  if (!expectedStatuses.includes(response.status)) {
    throw createRestError2(`Pagination failed with unexpected statusCode ${response.status}`, response);
  }
}
function addApiVersionToUrl(url, apiVersion) {
  const urlObj = new URL(url, "https://microsoft.com");
  if (!urlObj.searchParams.get("api-version")) {
    return `${url}${urlObj.search ? "&" : "?"}api-version=${apiVersion}`;
  }
  return url;
}

// node_modules/@azure/arm-resourcegraph/dist/esm/api/graphQuery/operations.js
function _listBySubscriptionSend(context, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/subscriptions/{subscriptionId}/providers/Microsoft.ResourceGraph/queries{?api%2Dversion}", {
    subscriptionId: context.subscriptionId,
    "api%2Dversion": "2024-04-01"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).get({
    ...operationOptionsToRequestParameters2(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listBySubscriptionDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = graphQueryErrorDeserializer(result.body);
    }
    throw error;
  }
  return _graphQueryListResultDeserializer(result.body);
}
function listBySubscription(context, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(context, () => _listBySubscriptionSend(context, options), _listBySubscriptionDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: "2024-04-01" });
}
function _listSend(context, resourceGroupName, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ResourceGraph/queries{?api%2Dversion}", {
    subscriptionId: context.subscriptionId,
    resourceGroupName,
    "api%2Dversion": "2024-04-01"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).get({
    ...operationOptionsToRequestParameters2(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = graphQueryErrorDeserializer(result.body);
    }
    throw error;
  }
  return _graphQueryListResultDeserializer(result.body);
}
function list(context, resourceGroupName, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(context, () => _listSend(context, resourceGroupName, options), _listDeserialize, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: "2024-04-01" });
}
function _$deleteSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ResourceGraph/queries/{resourceName}{?api%2Dversion}", {
    subscriptionId: context.subscriptionId,
    resourceGroupName,
    resourceName,
    "api%2Dversion": "2024-04-01"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).delete({ ...operationOptionsToRequestParameters2(options) });
}
async function _$deleteDeserialize(result) {
  const expectedStatuses = ["200", "204"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = graphQueryErrorDeserializer(result.body);
    }
    throw error;
  }
  return;
}
async function $delete(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
  const result = await _$deleteSend(context, resourceGroupName, resourceName, options);
  return _$deleteDeserialize(result);
}
function _updateSend(context, resourceGroupName, resourceName, body, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ResourceGraph/queries/{resourceName}{?api%2Dversion}", {
    subscriptionId: context.subscriptionId,
    resourceGroupName,
    resourceName,
    "api%2Dversion": "2024-04-01"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).patch({
    ...operationOptionsToRequestParameters2(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: graphQueryUpdateParametersSerializer(body)
  });
}
async function _updateDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = graphQueryErrorDeserializer(result.body);
    }
    throw error;
  }
  return graphQueryResourceDeserializer(result.body);
}
async function update(context, resourceGroupName, resourceName, body, options = { requestOptions: {} }) {
  const result = await _updateSend(context, resourceGroupName, resourceName, body, options);
  return _updateDeserialize(result);
}
function _createOrUpdateSend(context, resourceGroupName, resourceName, properties, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ResourceGraph/queries/{resourceName}{?api%2Dversion}", {
    subscriptionId: context.subscriptionId,
    resourceGroupName,
    resourceName,
    "api%2Dversion": "2024-04-01"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).put({
    ...operationOptionsToRequestParameters2(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: graphQueryResourceSerializer(properties)
  });
}
async function _createOrUpdateDeserialize(result) {
  const expectedStatuses = ["200", "201"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = graphQueryErrorDeserializer(result.body);
    }
    throw error;
  }
  return graphQueryResourceDeserializer(result.body);
}
async function createOrUpdate(context, resourceGroupName, resourceName, properties, options = { requestOptions: {} }) {
  const result = await _createOrUpdateSend(context, resourceGroupName, resourceName, properties, options);
  return _createOrUpdateDeserialize(result);
}
function _getSend(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ResourceGraph/queries/{resourceName}{?api%2Dversion}", {
    subscriptionId: context.subscriptionId,
    resourceGroupName,
    resourceName,
    "api%2Dversion": "2024-04-01"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).get({
    ...operationOptionsToRequestParameters2(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _getDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = graphQueryErrorDeserializer(result.body);
    }
    throw error;
  }
  return graphQueryResourceDeserializer(result.body);
}
async function get(context, resourceGroupName, resourceName, options = { requestOptions: {} }) {
  const result = await _getSend(context, resourceGroupName, resourceName, options);
  return _getDeserialize(result);
}

// node_modules/@azure/arm-resourcegraph/dist/esm/classic/graphQuery/index.js
function _getGraphQuery(context) {
  return {
    listBySubscription: (options) => listBySubscription(context, options),
    list: (resourceGroupName, options) => list(context, resourceGroupName, options),
    delete: (resourceGroupName, resourceName, options) => $delete(context, resourceGroupName, resourceName, options),
    update: (resourceGroupName, resourceName, body, options) => update(context, resourceGroupName, resourceName, body, options),
    createOrUpdate: (resourceGroupName, resourceName, properties, options) => createOrUpdate(context, resourceGroupName, resourceName, properties, options),
    get: (resourceGroupName, resourceName, options) => get(context, resourceGroupName, resourceName, options)
  };
}
function _getGraphQueryOperations(context) {
  return {
    ..._getGraphQuery(context)
  };
}

// node_modules/@azure/arm-resourcegraph/dist/esm/api/operations/operations.js
function _listSend2(context, options = { requestOptions: {} }) {
  const path3 = expandUrlTemplate("/providers/Microsoft.ResourceGraph/operations{?api%2Dversion}", {
    "api%2Dversion": "2024-04-01"
  }, {
    allowReserved: options?.requestOptions?.skipUrlEncoding
  });
  return context.path(path3).get({
    ...operationOptionsToRequestParameters2(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listDeserialize2(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = createRestError2(result);
    if (result.body) {
      error.details = errorResponseDeserializer(result.body);
    }
    throw error;
  }
  return _operationListResultDeserializer(result.body);
}
function list2(context, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(context, () => _listSend2(context, options), _listDeserialize2, ["200"], { itemName: "value", nextLinkName: "nextLink", apiVersion: "2024-04-01" });
}

// node_modules/@azure/arm-resourcegraph/dist/esm/classic/operations/index.js
function _getOperations(context) {
  return {
    list: (options) => list2(context, options)
  };
}
function _getOperationsOperations(context) {
  return {
    ..._getOperations(context)
  };
}

// node_modules/@azure/arm-resourcegraph/dist/esm/resourceGraphClient.js
var ResourceGraphClient = class {
  _client;
  /** The pipeline used by this client to make requests */
  pipeline;
  constructor(credential, subscriptionIdOrOptions, options) {
    let subscriptionId;
    if (typeof subscriptionIdOrOptions === "string") {
      subscriptionId = subscriptionIdOrOptions;
    } else if (typeof subscriptionIdOrOptions === "object") {
      options = subscriptionIdOrOptions;
    }
    options = options ?? {};
    this._client = createResourceGraph(credential, subscriptionId ?? "", options);
    this.pipeline = this._client.pipeline;
    this.graphQuery = _getGraphQueryOperations(this._client);
    this.operations = _getOperationsOperations(this._client);
  }
  /** List all snapshots of a resource for a given time interval. */
  resourcesHistory(request, options = { requestOptions: {} }) {
    return resourcesHistory(this._client, request, options);
  }
  /** Queries the resources managed by Azure Resource Manager for scopes specified in the request. */
  resources(query, options = { requestOptions: {} }) {
    return resources(this._client, query, options);
  }
  /** Get resource change details. */
  resourceChangeDetails(parameters, options = { requestOptions: {} }) {
    return resourceChangeDetails(this._client, parameters, options);
  }
  /** List changes to a resource for a given time interval. */
  resourceChanges(parameters, options = { requestOptions: {} }) {
    return resourceChanges(this._client, parameters, options);
  }
  /** The operation groups for graphQuery */
  graphQuery;
  /** The operation groups for operations */
  operations;
};

// src/inventory/sources/arg/throttle.ts
var realClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};
function parseResetsAfter(value) {
  const m = value ? /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(value.trim()) : null;
  if (!m) return null;
  return Math.ceil((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1e3);
}
function retryAfterMs(headers, now) {
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const v = Number(headers.get(name));
    if (headers.get(name) !== void 0 && Number.isFinite(v) && v >= 0) return v;
  }
  const raw = headers.get("retry-after")?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw) * 1e3);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
var MAX_QUOTA_WAIT_MS = 1e4;
var QUOTA_ROUNDING_MARGIN_MS = 1e3;
var Pacer = class {
  remaining = null;
  resetAt = 0;
  clock;
  constructor(clock) {
    this.clock = clock;
  }
  observe(headers) {
    const left = headers.get("x-ms-user-quota-remaining");
    const raw = headers.get("x-ms-user-quota-resets-after");
    const resets = parseResetsAfter(raw);
    if (left === void 0 || resets === null || !/^\d+$/.test(left.trim())) return;
    this.remaining = Number(left);
    const margin = /\.\d*[1-9]/.test(raw ?? "") ? 0 : QUOTA_ROUNDING_MARGIN_MS;
    this.resetAt = this.clock.now() + Math.min(resets + margin, MAX_QUOTA_WAIT_MS);
  }
  /** How long to wait before the next request; counts that request against the known quota. */
  reserve() {
    const now = this.clock.now();
    if (this.remaining === null || now >= this.resetAt) {
      this.remaining = null;
      return 0;
    }
    if (this.remaining > 0) {
      this.remaining--;
      return 0;
    }
    const wait = this.resetAt - now;
    this.remaining = null;
    return wait;
  }
};
var DEFAULT_RETRY = { maxAttempts: 6, baseDelayMs: 1e3, maxDelayMs: 12e4 };
function clampWait(ms, max) {
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, max) : 0;
}
function backoffMs(attempt, policy, random = Math.random) {
  const exp = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, Math.round(exp * (0.75 + random() * 0.5)));
}
function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500 && status !== 501 && status !== 505;
}

// src/inventory/sources/arg/client.ts
var ArgRequestError = class extends Error {
  name = "ArgRequestError";
  status;
  code;
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
};
var ArgAuthenticationError = class extends InputError {
  name = "ArgAuthenticationError";
};
var ArgClient = class {
  client;
  pacer;
  clock;
  retry;
  timeoutMs;
  emit;
  requests = 0;
  constructor(opts) {
    this.clock = opts.clock ?? realClock;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? 12e4;
    this.emit = opts.onEvent ?? (() => {
    });
    this.pacer = new Pacer(this.clock);
    this.client = new ResourceGraphClient(opts.credential, {
      endpoint: opts.endpoint.replace(/\/+$/, ""),
      credentials: { scopes: [opts.tokenScope] },
      retryOptions: { maxRetries: 0 },
      ...opts.ca ? { tlsOptions: { ca: opts.ca } } : {},
      userAgentOptions: { userAgentPrefix: "egress-audit" }
    });
  }
  /** One page, retried on throttling, server errors, timeouts and unreadable bodies. */
  async page(q, scope) {
    for (let attempt = 1; ; attempt++) {
      const pace = this.pacer.reserve();
      if (pace > 0) {
        this.emit({ kind: "wait", scope, ms: pace, reason: "quota" });
        await this.clock.sleep(pace);
      }
      const seen = { raw: null };
      let failure;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), this.timeoutMs);
      try {
        this.requests++;
        this.emit({ kind: "request", scope, attempt });
        const res = await this.client.resources(
          {
            query: q.query,
            ...q.subscriptions ? { subscriptions: q.subscriptions } : {},
            ...q.managementGroups ? { managementGroups: q.managementGroups } : {},
            options: { resultFormat: "objectArray", top: q.top, ...q.skipToken ? { skipToken: q.skipToken } : {} }
          },
          {
            abortSignal: abort.signal,
            onResponse: (r) => {
              seen.raw = { status: r.status, headers: { get: (n) => r.headers.get(n) } };
              this.pacer.observe(seen.raw.headers);
            }
          }
        );
        const page = validPage(res, seen.raw);
        if (page) return page;
        failure = { status: 200, code: "InvalidResponse", message: "the response body is not an ARG query result", retryable: true, wait: null };
      } catch (err) {
        if (isAuthenticationError(err)) throw new ArgAuthenticationError(`cannot get an Azure token: ${err.message.trim().slice(0, 4e3)}`);
        failure = classify(err, seen.raw, this.clock.now());
      } finally {
        clearTimeout(timer);
      }
      if (!failure.retryable || attempt >= this.retry.maxAttempts) {
        const tries = attempt > 1 ? ` (after ${attempt} attempts)` : "";
        throw new ArgRequestError(failure.status, failure.code, `${failure.code}: ${failure.message}${tries}`);
      }
      const wait = clampWait(failure.wait ?? backoffMs(attempt, this.retry), this.retry.maxDelayMs);
      this.emit({ kind: "wait", scope, ms: wait, reason: "retry", status: failure.status !== null && failure.status >= 300 ? failure.status : failure.code, attempt });
      await this.clock.sleep(wait);
    }
  }
};
function validPage(res, raw) {
  const data = res.data;
  if (!Array.isArray(data) || !data.every((r) => typeof r === "object" && r !== null && !Array.isArray(r))) return null;
  if (res.skipToken !== void 0 && typeof res.skipToken !== "string") return null;
  return {
    rows: data,
    totalRecords: typeof res.totalRecords === "number" ? res.totalRecords : data.length,
    ...res.skipToken ? { skipToken: res.skipToken } : {},
    truncated: String(res.resultTruncated).toLowerCase() === "true",
    subscriptionLimitHit: raw?.headers.get("x-ms-tenant-subscription-limit-hit")?.toLowerCase() === "true"
  };
}
function classify(err, raw, now) {
  const e = err ?? {};
  const status = e.statusCode ?? raw?.status ?? null;
  const headers = e.response?.headers ?? raw?.headers;
  const wait = headers ? retryAfterMs(headers, now) : null;
  const text = e.response?.bodyAsText;
  if (e.code === "PARSE_ERROR" || text && e.message?.includes(text)) {
    const message2 = `the response body is not JSON (${jsonErrorAt(text ?? "")})`;
    return { status, code: "UnparseableResponse", message: message2, retryable: status === null || status < 400 || isRetryableStatus(status), wait };
  }
  const body = e.details?.error;
  const detail = body?.details?.find((d) => d.code && d.code !== body.code) ?? body?.details?.[0];
  const code = detail?.code ?? body?.code ?? (e.name === "AbortError" ? "Timeout" : e.code ?? e.name ?? "RequestFailed");
  const message = firstLine(detail?.message ?? body?.message ?? e.message ?? String(err));
  if (status !== null && status >= 200 && status < 300) return { status, code: "InvalidResponse", message, retryable: true, wait };
  if (status === null) return { status, code, message, retryable: true, wait };
  return { status, code, message, retryable: isRetryableStatus(status), wait };
}
function jsonErrorAt(text) {
  const errors = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return `${text.length} characters`;
  return `${printParseErrorCode(first.error)} at offset ${first.offset} of ${text.length} characters`;
}
function firstLine(s) {
  return (s.split("\n")[0] ?? s).trim();
}
function isAuthenticationError(err) {
  const name = err?.name;
  return name === "CredentialUnavailableError" || name === "AuthenticationError" || name === "AggregateAuthenticationError" || name === "AuthenticationRequiredError";
}

// src/inventory/sources/arg/queries.ts
var NETWORK_COLUMNS = ["id", "name", "type", "subscriptionId", "sku", "zones", "properties"];
var FETCHED_TYPES = [
  // identity: the control-plane identity whose role assignments EG023 reads.
  { type: "microsoft.containerservice/managedclusters", columns: ["id", "name", "type", "location", "resourceGroup", "subscriptionId", "tags", "identity", "properties"], fetch: "scope" },
  // NSGs are referenced by subnets but no fact uses them, so they are not fetched.
  { type: "microsoft.network/virtualnetworks", columns: NETWORK_COLUMNS, fetch: "referenced" },
  { type: "microsoft.network/natgateways", columns: NETWORK_COLUMNS, fetch: "referenced" },
  { type: "microsoft.network/publicipaddresses", columns: NETWORK_COLUMNS, fetch: "referenced" },
  { type: "microsoft.network/publicipprefixes", columns: NETWORK_COLUMNS, fetch: "referenced" },
  { type: "microsoft.network/routetables", columns: NETWORK_COLUMNS, fetch: "referenced" }
];
var CLUSTER_TYPE = "microsoft.containerservice/managedclusters";
var NETWORK_TYPES = FETCHED_TYPES.filter((t) => t.fetch === "referenced").map((t) => t.type);
function columnsFor(types) {
  const wanted = new Set(FETCHED_TYPES.filter((t) => types.includes(t.type)).flatMap((t) => t.columns));
  return [...new Set(FETCHED_TYPES.flatMap((t) => t.columns))].filter((c) => wanted.has(c)).join(", ");
}
function typeFilter(types) {
  return types.length === 1 ? `type =~ ${kql(types[0])}` : `type in~ (${types.map(kql).join(", ")})`;
}
var CLUSTER_QUERY = `Resources | where ${typeFilter([CLUSTER_TYPE])} | project ${columnsFor([CLUSTER_TYPE])} | order by id asc`;
var TYPED_NETWORK_QUERY = `Resources | where ${typeFilter(NETWORK_TYPES)} | project ${columnsFor(NETWORK_TYPES)} | order by id asc`;
var NETWORK_QUERY_TEMPLATE = `Resources | where type in~ (<types>) | where id in~ (<ids>) | project ${columnsFor(NETWORK_TYPES)} | order by id asc`;
function networkQuery(types, ids) {
  return NETWORK_QUERY_TEMPLATE.replace("<types>", types.map(kql).join(", ")).replace("<ids>", ids.map(kql).join(", "));
}
function networkQueryIn(ids, subs) {
  const inScope = ids.filter((id) => subs.includes(subscriptionOfId(id)));
  return networkQuery([...new Set(inScope.map((id) => typeOfId(id)))].sort(), inScope);
}
function kql(s) {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/[\r\n]/g, " ")}'`;
}
function packIds(ids, maxChars) {
  const overhead = networkQuery(NETWORK_TYPES, []).length;
  const out = [];
  let cur = [];
  let size = overhead;
  for (const id of ids) {
    const add = kql(id).length + 2;
    if (cur.length && size + add > maxChars) {
      out.push(cur);
      cur = [];
      size = overhead;
    }
    cur.push(id);
    size += add;
  }
  if (cur.length) out.push(cur);
  return out;
}
function typeOfId(id) {
  const parts = id.split("/").filter(Boolean);
  const p = parts.findIndex((s) => s.toLowerCase() === "providers");
  if (p < 0 || p + 2 >= parts.length) return null;
  const ns = parts[p + 1];
  const types = [];
  for (let i = p + 2; i < parts.length; i += 2) types.push(parts[i]);
  return `${ns}/${types.join("/")}`.toLowerCase();
}
function subscriptionOfId(id) {
  const m = /^\/subscriptions\/([^/]+)/i.exec(id);
  return m ? m[1].toLowerCase() : null;
}
function chunk(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// src/inventory/sources/arg/followups.ts
var COLUMNS = "id, name, type, subscriptionId, properties";
var ROLE_ASSIGNMENT_QUERY_TEMPLATE = `authorizationresources | where type =~ 'microsoft.authorization/roleassignments' | where properties.principalId in~ (<principalIds>) | project ${COLUMNS} | order by id asc`;
var ROLE_ASSIGNMENT_TYPED_QUERY = `authorizationresources | where type =~ 'microsoft.authorization/roleassignments' | where properties.principalType =~ 'ServicePrincipal' | project ${COLUMNS} | order by id asc`;
var ROLE_DEFINITION_QUERY_TEMPLATE = `authorizationresources | where type =~ 'microsoft.authorization/roledefinitions' | where name in~ (<roleGuids>) | project ${COLUMNS} | order by id asc`;
var SUBSCRIPTION_QUERY_TEMPLATE = `resourcecontainers | where type =~ 'microsoft.resources/subscriptions' | where subscriptionId in~ (<subscriptionIds>) | project ${COLUMNS} | order by id asc`;
var FIREWALL_QUERY_TEMPLATE = `Resources | where type =~ 'microsoft.network/azurefirewalls' | where properties.ipConfigurations[0].properties.privateIPAddress in (<ips>) or properties.hubIPAddresses.privateIPAddress in (<ips>) | project ${COLUMNS} | order by id asc`;
var LIST_ITEM_CHARS = 42;
var IPS_PER_QUERY = 100;
var fill = (template, values) => template.replaceAll(/<\w+>/g, values.map(kql).join(", "));
async function collectFollowUps(p, opts) {
  const fresh = [];
  const perQuery = (template) => Math.max(1, Math.floor((opts.maxQueryChars - template.length) / LIST_ITEM_CHARS));
  const perSubscriptions = async (template, values, subs2, kind) => {
    if (!values.length || !subs2.length) return;
    for (const part of chunk([...new Set(values)].sort(), perQuery(template))) {
      for (const s of chunk(subs2, opts.subscriptionBatch)) await p.subscriptions(s, () => fill(template, part), kind, fresh);
    }
  };
  const inv = inventoryOf([...p.rows.values()]);
  const subs = [...p.subscriptionsSeen].sort();
  const principals = [...inv.clusters.values()].flatMap((c) => [c.identity.principalId, ...c.identity.userAssignedPrincipalIds].filter((x) => !!x));
  if (new Set(principals).size <= perQuery(ROLE_ASSIGNMENT_QUERY_TEMPLATE)) await perSubscriptions(ROLE_ASSIGNMENT_QUERY_TEMPLATE, principals, subs, "authorization");
  else await typedAssignments(p, new Set(principals.map((x) => x.toLowerCase())), subs, opts.subscriptionBatch, fresh);
  const assigned = inventoryOf(fresh);
  const guids = [...assigned.roleAssignments.values()].map((a) => a.roleDefinitionId ? roleGuid(a.roleDefinitionId) : "").filter((g) => g && !BUILT_IN_ROLES.has(g));
  await perSubscriptions(ROLE_DEFINITION_QUERY_TEMPLATE, guids, subs, "authorization");
  if ([...assigned.roleAssignments.values()].some((a) => /^\/providers\/microsoft\.management\/managementgroups\//i.test(a.scope ?? ""))) {
    await perSubscriptions(SUBSCRIPTION_QUERY_TEMPLATE, subs, subs, "authorization");
  }
  const holders = [];
  for (const part of chunk(nextHops(inv), IPS_PER_QUERY)) {
    const label = "firewalls of the tenant";
    try {
      await p.chain({ query: fill(FIREWALL_QUERY_TEMPLATE, part) }, label, "firewalls", (r) => void holders.push(r));
    } catch (err) {
      if (!(err instanceof ArgRequestError)) throw err;
      p.fail(label, "firewalls", err);
    }
  }
  const reached = reachedBy(inv, inventoryOf(holders));
  const firewallsFrom = fresh.length;
  for (const r of holders) if (typeof r["id"] !== "string" || reached.has(key(r["id"]))) p.keep(r, fresh);
  let found = inventoryOf(fresh.slice(firewallsFrom));
  const firewallSubnets = new Set([...found.firewalls.values()].flatMap((f) => f.subnetIds.map(key)));
  let ids = [...found.firewalls.values()].flatMap((f) => f.subnetIds.map((s) => vnetIdOf(s) ?? ""));
  for (let round = 0; round < 3; round++) {
    const wanted = [...new Set(ids.filter((id) => id && !p.rows.has(key(id)) && subscriptionOfId(id) && typeOfId(id)))];
    if (!wanted.length) break;
    const from = fresh.length;
    for (const pack of packIds(wanted, opts.maxQueryChars)) {
      for (const subs2 of chunk([...new Set(pack.map((id) => subscriptionOfId(id)))].sort(), opts.subscriptionBatch)) await p.subscriptions(subs2, (s) => networkQueryIn(pack, s), "firewalls", fresh);
    }
    found = inventoryOf(fresh.slice(from));
    ids = [
      ...[...found.subnets.values()].filter((s) => firewallSubnets.has(key(s.id))).map((s) => s.natGatewayId ?? ""),
      ...[...found.natGateways.values()].flatMap((g) => [...g.publicIpIds, ...g.publicIpPrefixIds])
    ];
  }
}
async function typedAssignments(p, principals, subs, batch, fresh) {
  for (const s of chunk(subs, batch)) {
    const label = `role assignments of ${s.length} subscription(s)`;
    const ours = (r) => {
      const props = r["properties"];
      const id = props && typeof props === "object" ? props["principalId"] : null;
      return typeof id === "string" && principals.has(id.toLowerCase());
    };
    try {
      await p.chain({ query: ROLE_ASSIGNMENT_TYPED_QUERY, subscriptions: s }, label, "authorization", (r) => void (ours(r) && p.keep(r, fresh)));
    } catch (err) {
      if (!(err instanceof ArgRequestError)) throw err;
      p.fail(label, "authorization", err);
    }
  }
}
function inventoryOf(rows) {
  const b = new InventoryBuilder();
  rows.forEach((value, i) => b.add({ value, source: { file: "followups", path: [i] } }));
  return b.finish().inventory;
}
function reachedBy(inv, holders) {
  const byIp = firewallsByIp(holders.firewalls.values());
  const out = /* @__PURE__ */ new Set();
  for (const c of inv.clusters.values()) {
    for (const pool of c.pools) {
      const subnet = pool.vnetSubnetId ? inv.subnets.get(key(pool.vnetSubnetId)) : void 0;
      for (const fw of (subnet ? reachableFirewalls(inv, subnet, byIp)?.firewalls : void 0) ?? []) out.add(key(fw.id));
    }
  }
  return out;
}
function nextHops(inv) {
  const out = /* @__PURE__ */ new Set();
  for (const c of inv.clusters.values()) {
    for (const pool of c.pools) {
      const subnet = pool.vnetSubnetId ? inv.subnets.get(key(pool.vnetSubnetId)) : void 0;
      const ip = subnet ? nextHopIp(inv, subnet) : null;
      if (ip) out.add(ip);
    }
  }
  return [...out].sort();
}
function followUpQueries(queries) {
  const requests = (k) => queries.find((q) => q.purpose === k)?.requests ?? 0;
  return [
    { purpose: "authorization", text: [ROLE_ASSIGNMENT_QUERY_TEMPLATE, ROLE_ASSIGNMENT_TYPED_QUERY, ROLE_DEFINITION_QUERY_TEMPLATE, SUBSCRIPTION_QUERY_TEMPLATE].join("\n"), requests: requests("authorization") },
    { purpose: "firewalls", text: FIREWALL_QUERY_TEMPLATE, requests: requests("firewalls") }
  ];
}

// src/inventory/sources/arg/pager.ts
var MAX_EMPTY_PAGES = 3;
var Pager = class {
  rows = /* @__PURE__ */ new Map();
  extra = [];
  conflicts = [];
  errors = [];
  subscriptionsSeen = /* @__PURE__ */ new Set();
  requests = { clusters: 0, network: 0, "network-typed": 0, authorization: 0, firewalls: 0 };
  pages = 0;
  limitReported = false;
  source;
  pageSize;
  emit;
  constructor(source, pageSize, emit) {
    this.source = source;
    this.pageSize = pageSize;
    this.emit = emit;
  }
  /** Keeps a row; rows new to the collection are also added to `fresh`. */
  keep(r, fresh) {
    const id = typeof r["id"] === "string" ? r["id"] : null;
    if (id === null) return void this.extra.push(r);
    const prior = this.rows.get(key(id));
    if (prior) {
      if (canonical(prior) !== canonical(r)) {
        this.extra.push(r);
        this.conflicts.push(id);
      }
      return;
    }
    this.rows.set(key(id), r);
    const sub = subscriptionOfId(id);
    if (sub) this.subscriptionsSeen.add(sub);
    fresh.push(r);
  }
  /**
   * Every page of one query over one scope, each row handed to `sink`; throws ArgRequestError when
   * a page fails for good. Pages are held to what a file must hold: a result that ends short of
   * its totalRecords, a $skipToken that comes back, or pages that keep coming without rows end
   * the scope with an error, so a faulty endpoint can neither drop rows silently nor page forever.
   */
  async chain(chain, label, kind, sink, opts = {}) {
    const purpose = kind === "clusters" ? "clusters" : "network";
    const report = opts.report ?? ((e) => void this.errors.push(e));
    const stop = (code, why) => {
      report({ code, message: `${label}: the ${purpose} result ${why}; the rest of this scope is missing` });
      return "broken";
    };
    let top = this.pageSize;
    let skipToken;
    const tokens = /* @__PURE__ */ new Set();
    let received = 0;
    let empty = 0;
    for (let n = 1; ; ) {
      let page;
      try {
        this.requests[kind]++;
        page = await this.source.page({ ...chain, top, ...skipToken ? { skipToken } : {} }, label);
      } catch (err) {
        if (err instanceof ArgRequestError && err.code === "ResponsePayloadTooLarge" && top > 1) {
          top = Math.max(1, Math.floor(top / 2));
          this.emit({ kind: "shrink", scope: label, top });
          continue;
        }
        throw err;
      }
      this.pages++;
      received += page.rows.length;
      for (const r of page.rows) sink(r);
      this.emit({ kind: "page", purpose, scope: label, page: n, rows: page.rows.length, totalRecords: page.totalRecords, subscriptions: this.subscriptionsSeen.size });
      if (page.subscriptionLimitHit && !this.limitReported) {
        this.limitReported = true;
        this.errors.push({ code: "subscription-limit", message: `${label}: ARG read only the first 10,000 subscriptions of the scope (x-ms-tenant-subscription-limit-hit); scan narrower scopes` });
      }
      if (page.truncated && !page.skipToken) {
        report({ code: "result-truncated", message: `${label}: ARG truncated the ${purpose} result (resultTruncated) after ${page.rows.length} rows of page ${n}; the rest of this scope is missing` });
        return "broken";
      }
      if (!page.skipToken) {
        if (page.totalRecords > received) return stop("result-incomplete", `ended after ${received} of its ${page.totalRecords} rows (totalRecords) with no $skipToken`);
        return "done";
      }
      if (n === 1 && opts.goOn && !opts.goOn(page)) return "stopped";
      empty = page.rows.length ? 0 : empty + 1;
      if (tokens.has(page.skipToken)) return stop("paging-loop", `repeated a $skipToken at page ${n}`);
      if (empty >= MAX_EMPTY_PAGES) return stop("paging-loop", `came back empty ${empty} pages running at page ${n}`);
      if (n >= pageBound(page.totalRecords, top)) return stop("paging-loop", `still had a $skipToken after ${n} pages for ${page.totalRecords} rows`);
      tokens.add(page.skipToken);
      skipToken = page.skipToken;
      n++;
    }
  }
  /** Records a scope that failed for good (any other error is a bug and is thrown on). */
  fail(label, kind, err, resourceId) {
    if (!(err instanceof ArgRequestError)) throw err;
    const message = `${label}: the ${kind === "network-typed" ? "network" : kind} query failed: ${err.message}`;
    this.errors.push({ code: "scope-failed", message, ...resourceId ? { resourceId } : {} });
    this.emit({ kind: "scope-failed", scope: label, message: err.message });
  }
  /** A query over some subscriptions; a refusal of the batch is narrowed down to the subscriptions refused. */
  async subscriptions(subs, build, kind, fresh) {
    try {
      await this.chain({ query: build(subs), subscriptions: subs }, describeSubscriptions(subs), kind, (r) => this.keep(r, fresh));
    } catch (err) {
      if (err instanceof ArgRequestError && err.status === 403 && subs.length > 1) {
        const half = Math.ceil(subs.length / 2);
        await this.subscriptions(subs.slice(0, half), build, kind, fresh);
        await this.subscriptions(subs.slice(half), build, kind, fresh);
        return;
      }
      for (const s of subs) this.fail(`subscription ${s}`, kind, err, `/subscriptions/${s}`);
    }
  }
};
function pageBound(total, top) {
  return Math.ceil(Math.max(total, 1) / top) + MAX_EMPTY_PAGES + 1;
}
function canonical(row) {
  return JSON.stringify(row, (_k, v) => v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => cmp(a, b))) : v);
}
function describeSubscriptions(subs) {
  if (subs.length === 1) return `subscription ${subs[0]}`;
  return `subscriptions ${subs[0]} \u2026 ${subs[subs.length - 1]} (${subs.length})`;
}
function unique(xs) {
  const seen = /* @__PURE__ */ new Map();
  for (const x of xs) if (!seen.has(x.toLowerCase())) seen.set(x.toLowerCase(), x);
  return [...seen.values()];
}
var cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;

// src/inventory/sources/arg/refs.ts
var ReferenceWalker = class {
  usedSubnets = /* @__PURE__ */ new Set();
  /** IDs (real casing, one per resource) that the given rows reference and the scan needs. */
  next(rows) {
    const b = new InventoryBuilder();
    rows.forEach((value, i) => b.add({ value, source: { file: "refs", path: [i] } }));
    const inv = b.finish().inventory;
    const out = /* @__PURE__ */ new Map();
    const add = (id) => {
      const type = id ? typeOfId(id) : null;
      if (id && type && NETWORK_TYPES.includes(type) && !out.has(key(id))) out.set(key(id), id);
    };
    for (const c of inv.clusters.values()) {
      for (const p of c.pools) {
        if (!p.vnetSubnetId) continue;
        this.usedSubnets.add(key(p.vnetSubnetId));
        add(/^(.*\/virtualnetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(p.vnetSubnetId)?.[1]);
      }
      for (const id of [...c.lbEffectiveOutboundIpIds ?? [], ...c.lbOutboundIpIds, ...c.lbOutboundIpPrefixIds, ...c.natEffectiveOutboundIpIds]) add(id);
    }
    for (const s of inv.subnets.values()) {
      if (!this.usedSubnets.has(key(s.id))) continue;
      add(s.natGatewayId);
      add(s.routeTableId);
    }
    for (const g of inv.natGateways.values()) for (const id of [...g.publicIpIds, ...g.publicIpPrefixIds]) add(id);
    for (const ip of inv.publicIps.values()) add(ip.natGatewayId);
    for (const pre of inv.publicIpPrefixes.values()) add(pre.natGatewayId);
    return [...out.values()];
  }
};

// src/inventory/sources/arg/network.ts
async function collectNetwork(p, clusters, opts) {
  const walker = new ReferenceWalker();
  const requested = new Set(p.rows.keys());
  const fetched = /* @__PURE__ */ new Map();
  const whole = /* @__PURE__ */ new Set();
  let fresh = clusters;
  for (let round = 1; ; round++) {
    const ids = walker.next(fresh).filter((id) => !requested.has(key(id)) && subscriptionOfId(id) !== null);
    if (!ids.length) break;
    for (const id of ids) requested.add(key(id));
    if (round === 1 && opts.strategy !== "ids") await fetchTyped(p, ids, fetched, whole, opts);
    fresh = [];
    const wanted = [];
    for (const id of ids) {
      const hit = fetched.get(key(id));
      if (hit) for (const r of hit) p.keep(r, fresh);
      else if (!whole.has(subscriptionOfId(id))) wanted.push(id);
    }
    if (!wanted.length) continue;
    wanted.sort((a, b) => cmp(`${subscriptionOfId(a)}/${key(a)}`, `${subscriptionOfId(b)}/${key(b)}`));
    const packs = packIds(wanted, opts.maxQueryChars);
    p.emit({ kind: "phase", phase: "network", round, resources: wanted.length, queries: packs.length });
    for (const pack of packs) {
      await p.subscriptions(unique(pack.map((id) => subscriptionOfId(id))), (subs) => networkQueryIn(pack, subs), "network", fresh);
    }
  }
}
async function fetchTyped(p, ids, fetched, whole, opts) {
  const bySub = /* @__PURE__ */ new Map();
  for (const id of ids) {
    const sub = subscriptionOfId(id);
    const list3 = bySub.get(sub);
    if (list3) list3.push(id);
    else bySub.set(sub, [id]);
  }
  const batches = chunk([...bySub.keys()].sort(), opts.subscriptionBatch);
  p.emit({ kind: "phase", phase: "network-typed", resources: ids.length, queries: batches.length });
  for (const subs of batches) {
    const referenced = subs.flatMap((s) => bySub.get(s));
    const sink = (r) => {
      const id = typeof r["id"] === "string" ? key(r["id"]) : null;
      if (id === null) return;
      const list3 = fetched.get(id);
      if (list3) list3.push(r);
      else fetched.set(id, [r]);
    };
    const goOn = opts.strategy === "typed" ? void 0 : (first) => typedIsCheaper(first.totalRecords, referenced, opts);
    try {
      const end = await p.chain({ query: TYPED_NETWORK_QUERY, subscriptions: subs }, describeSubscriptions(subs), "network-typed", sink, { ...goOn ? { goOn } : {}, report: () => {
      } });
      if (end === "done") for (const s of subs) whole.add(s);
    } catch (err) {
      if (!(err instanceof ArgRequestError)) throw err;
    }
  }
}
function typedIsCheaper(total, referenced, opts) {
  const typed = Math.ceil(total / opts.pageSize);
  const firstRound = packIds(referenced, opts.maxQueryChars).length;
  return typed <= 2 * firstRound + LATER_ROUNDS;
}
var LATER_ROUNDS = 2;

// src/inventory/sources/arg/collect.ts
var MAX_QUERY_CHARS = 32e3;
async function collect(source, opts) {
  const pageSize = opts.pageSize ?? 1e3;
  const batch = opts.subscriptionBatch ?? 200;
  const p = new Pager(source, pageSize, opts.onEvent ?? (() => {
  }));
  p.emit({ kind: "phase", phase: "clusters" });
  const clusters = [];
  const { subscriptions, managementGroups } = opts.scope;
  for (const subs of chunk(unique(subscriptions), batch)) await p.subscriptions(subs, () => CLUSTER_QUERY, "clusters", clusters);
  const whole = async (label, scope, resourceId) => {
    try {
      await p.chain({ query: CLUSTER_QUERY, ...scope }, label, "clusters", (r) => p.keep(r, clusters));
    } catch (err) {
      p.fail(label, "clusters", err, resourceId);
    }
  };
  for (const mg of unique(managementGroups)) await whole(`management group ${mg}`, { managementGroups: [mg] }, `/providers/Microsoft.Management/managementGroups/${mg}`);
  if (!subscriptions.length && !managementGroups.length) await whole(opts.scope.tenantId ? `tenant ${opts.scope.tenantId}` : "tenant", {});
  await collectNetwork(p, clusters, { strategy: opts.network ?? "auto", subscriptionBatch: batch, maxQueryChars: opts.maxQueryChars ?? MAX_QUERY_CHARS, pageSize });
  await collectFollowUps(p, { subscriptionBatch: batch, maxQueryChars: opts.maxQueryChars ?? MAX_QUERY_CHARS });
  p.emit({ kind: "done", rows: p.rows.size + p.extra.length, subscriptions: p.subscriptionsSeen.size });
  return {
    rows: [...p.rows.values(), ...p.extra],
    errors: p.errors,
    conflicts: p.conflicts,
    queries: Object.keys(p.requests).map((purpose) => ({ purpose, requests: p.requests[purpose] })),
    pages: p.pages
  };
}

// src/inventory/sources/arg/snapshot.ts
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
function layoutSnapshot(rows) {
  const bySub = /* @__PURE__ */ new Map();
  for (const r of rows) {
    const sub = subscriptionOf(r);
    let list3 = bySub.get(sub);
    if (!list3) bySub.set(sub, list3 = []);
    list3.push(r);
  }
  return [...bySub.keys()].sort().map((sub) => {
    const sorted = [...bySub.get(sub)].sort((a, b) => compareIds(idOf(a), idOf(b)));
    const text = `${JSON.stringify(sorted, sortedKeys, 2)}
`;
    return { name: `${sub}.json`, subscriptionId: sub, text, rows: JSON.parse(text) };
  });
}
var SAFE_NAME = /^[A-Za-z0-9-]+$/;
function subscriptionOf(r) {
  const col = r["subscriptionId"];
  const sub = typeof col === "string" && col !== "" ? col : subscriptionOfId(idOf(r));
  return sub && SAFE_NAME.test(sub) ? sub.toLowerCase() : "no-subscription";
}
function idOf(r) {
  return typeof r["id"] === "string" ? r["id"] : "";
}
function compareIds(a, b) {
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
function sortedKeys(_k, v) {
  if (!isObject(v)) return v;
  const out = {};
  for (const k of Object.keys(v).sort()) Object.defineProperty(out, k, { value: v[k], enumerable: true, writable: true, configurable: true });
  return out;
}
async function writeSnapshot(dir, files, manifest) {
  const previous = await readManifest(dir);
  const kept = await lastGoodFiles(dir, previous, files, manifest.errors);
  const written = { ...manifest, files: [...manifest.files, ...kept].sort((a, b) => cmp(a.file, b.file)) };
  try {
    const keptFiles = await Promise.all(kept.map(async (k) => ({ name: k.file, content: await readFile(path.join(dir, k.file), "utf8") })));
    const gone = (previous?.files ?? []).map((f) => f.file).filter((f) => typeof f === "string" && isExportFile(f));
    await writeFileSet(dir, [...files.map((f) => ({ name: f.name, content: f.text })), ...keptFiles, { name: MANIFEST_FILE, content: `${JSON.stringify(written, null, 2)}
` }], gone);
  } catch (err) {
    throw new InputError(`${dir}: cannot write the export: ${err.code ?? err.message}`);
  }
  manifest.files = written.files;
  return [...files.map((f) => path.join(dir, f.name)), path.join(dir, MANIFEST_FILE)];
}
async function lastGoodFiles(dir, previous, files, errors) {
  if (!previous || !Array.isArray(previous.files)) return [];
  const failed = errors.filter((e) => e.code === "scope-failed");
  if (!failed.length) return [];
  const failedSubs = new Set(failed.flatMap((e) => e.resourceId ? [subscriptionOfId(e.resourceId)] : []).filter((x) => x !== null));
  const wide = failed.some((e) => !e.resourceId || !/^\/subscriptions\/[^/]+$/i.test(e.resourceId));
  const fresh = new Set(files.map((f) => f.name));
  const out = [];
  for (const old of previous.files) {
    if (!isObject(old) || typeof old.file !== "string" || typeof old.subscriptionId !== "string" || !isExportFile(old.file) || fresh.has(old.file)) continue;
    if (!wide && !failedSubs.has(old.subscriptionId.toLowerCase())) continue;
    if (!await isFile(path.join(dir, old.file))) continue;
    const keptFrom = typeof old.keptFrom === "string" ? old.keptFrom : previous.createdAt;
    out.push({ file: old.file, subscriptionId: old.subscriptionId, rows: old.rows, keptFrom });
  }
  return out;
}
function isExportFile(name) {
  return name.endsWith(".json") && name !== MANIFEST_FILE && SAFE_NAME.test(name.replace(/\.json$/, ""));
}
async function isFile(p) {
  try {
    return (await lstat(p)).isFile();
  } catch {
    return false;
  }
}
async function readManifest(dir) {
  try {
    return asManifest(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), "utf8")));
  } catch {
    return null;
  }
}
function countTypes(rows) {
  const counts = {};
  for (const r of rows) {
    const t = typeof r["type"] === "string" ? r["type"].toLowerCase() : "(no type)";
    counts[t] = (counts[t] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a < b ? -1 : 1));
}

// src/inventory/sources/arg/index.ts
async function fetchArgSnapshot(opts) {
  const cloud = CLOUD_ENDPOINTS[opts.cloud];
  const armEndpoint = opts.armEndpoint ?? cloud.armEndpoint;
  const client = new ArgClient({
    credential: opts.credential,
    endpoint: armEndpoint,
    tokenScope: opts.tokenScope ?? cloud.armScope,
    ...opts.ca ? { ca: opts.ca } : {},
    ...opts.clock ? { clock: opts.clock } : {},
    ...opts.retry ? { retry: opts.retry } : {},
    ...opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {},
    ...opts.onEvent ? { onEvent: opts.onEvent } : {}
  });
  const createdAt = (/* @__PURE__ */ new Date()).toISOString();
  const got = await collect(client, opts);
  const files = layoutSnapshot(got.rows);
  const manifest = {
    [MANIFEST_MARKER]: 1,
    tool: { name: opts.tool.name, version: opts.tool.version },
    createdAt,
    cloud: cloud.name,
    armEndpoint,
    scope: { tenant: opts.scope.tenantId ?? null, subscriptions: opts.scope.subscriptions, managementGroups: opts.scope.managementGroups },
    queries: [
      { purpose: "clusters", text: CLUSTER_QUERY, requests: got.queries.find((q) => q.purpose === "clusters")?.requests ?? 0 },
      { purpose: "network-typed", text: TYPED_NETWORK_QUERY, requests: got.queries.find((q) => q.purpose === "network-typed")?.requests ?? 0 },
      { purpose: "network", text: NETWORK_QUERY_TEMPLATE, requests: got.queries.find((q) => q.purpose === "network")?.requests ?? 0 },
      ...followUpQueries(got.queries)
    ],
    files: files.map((f) => ({ file: f.name, subscriptionId: f.subscriptionId, rows: f.rows.length })),
    counts: countTypes(got.rows),
    errors: got.errors
  };
  return { files, manifest, requests: client.requests, conflicts: got.conflicts };
}
async function loadArg(opts) {
  const snapshot = await fetchArgSnapshot(opts);
  const written = opts.snapshotDir ? await writeSnapshot(opts.snapshotDir, snapshot.files, snapshot.manifest) : [];
  const builder = new InventoryBuilder();
  const files = /* @__PURE__ */ new Map();
  for (const f of snapshot.files) {
    const abs = opts.snapshotDir ? path2.resolve(opts.snapshotDir, f.name) : null;
    const shown = abs ? display(abs) : `arg://${f.name}`;
    if (abs) files.set(shown, abs);
    f.rows.forEach((value, i) => builder.add({ value, source: { file: shown, path: [i] } }));
  }
  const { inventory, errors, warnings } = builder.finish();
  return {
    inventory,
    errors: [...snapshot.manifest.errors, ...errors],
    warnings,
    inputs: describeScope(opts.scope),
    files,
    skipped: [],
    snapshot,
    written
  };
}
function describeScope(scope) {
  const out = [...scope.subscriptions.map((s) => `arg:subscription/${s}`), ...scope.managementGroups.map((m) => `arg:managementGroup/${m}`)];
  return out.length ? out : [scope.tenantId ? `arg:tenant/${scope.tenantId}` : "arg:tenant"];
}
export {
  describeScope,
  fetchArgSnapshot,
  loadArg,
  writeSnapshot
};
