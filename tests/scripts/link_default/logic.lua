function prevent(e)
  e:preventDefault()
end
