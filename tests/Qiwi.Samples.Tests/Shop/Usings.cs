// What the shop tests use everywhere: the shop, its storage and payments, the sandbox it talks to.
global using Microsoft.Extensions.DependencyInjection;
global using Qiwi.Samples.Shop;
global using Qiwi.Samples.Shop.Data;
global using Qiwi.Samples.Shop.Payments;
global using Qiwi.Sandbox.Hosting;
global using Qiwi.Sandbox.Shops;
