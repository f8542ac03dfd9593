window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "dana@example.com",
      "createdVia" : "web",
      "username" : "dana_rios",
      "accountId" : "1093321775",
      "createdAt" : "2011-02-03T10:11:12.000Z",
      "accountDisplayName" : "Dana Rios"
    }
  }
]