local n = tonumber(arg[1])
local numbers = {}
for i = 0, n - 1 do numbers[#numbers + 1] = i end
local kept = {}
for _, x in ipairs(numbers) do if x % 3 == 0 then kept[#kept + 1] = x end end
print(#kept)
